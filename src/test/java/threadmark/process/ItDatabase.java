package threadmark.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database the server processes of these tests share ({@code threadmark_it}, made by scripts/setup.sh), read
 * directly with JDBC: what was stored is the evidence, not what the server says about it.
 */
public final class ItDatabase {

    public static final String NAME = "threadmark_it";

    private ItDatabase() {
    }

    public static int pgPort() {
        return Integer.parseInt(System.getenv().getOrDefault("THREADMARK_PG_PORT", "5432"));
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + NAME;
    }

    /** Properties that point a server process at this database (through {@code port}, e.g. a proxy). */
    public static Map<String, String> serverProperties(int port) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl(port));
        properties.put("threadmark.submissions.rate-limit", "1000");
        return properties;
    }

    /** Drops everything: the next server start migrates an empty schema. */
    public static void reset() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop schema public cascade");
            s.execute("create schema public");
        }
    }

    public static List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    public static long count(String sql) throws SQLException {
        return ((Number) query(sql).getFirst().values().iterator().next()).longValue();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(pgPort()),
                System.getenv().getOrDefault("THREADMARK_DB_USER", "threadmark"),
                System.getenv().getOrDefault("THREADMARK_DB_PASSWORD", "threadmark"));
    }
}
