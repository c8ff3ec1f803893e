package threadmark;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newest migrations on a database filled at the schema before them: every account, exercise, course, submission
 * and grade is carried over, and what the new schema adds is derived from what was there. Runs in a schema of its own
 * in the test database ({@code migration_check}), so that the server's tests keep theirs.
 */
class MigrationTest {

    private static final String SCHEMA = "migration_check";
    private static final String URL = "jdbc:postgresql://" + System.getenv().getOrDefault("THREADMARK_DB_HOST", "127.0.0.1")
            + ":" + System.getenv().getOrDefault("THREADMARK_PG_PORT", "5432") + "/"
            + System.getenv().getOrDefault("THREADMARK_TEST_DB_NAME", "threadmark_test");
    private static final String USER = System.getenv().getOrDefault("THREADMARK_DB_USER", "threadmark");
    private static final String PASSWORD = System.getenv().getOrDefault("THREADMARK_DB_PASSWORD", "threadmark");

    @BeforeEach
    void emptySchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, USER, PASSWORD).schemas(SCHEMA).locations("classpath:db/migration")
                .target(target).load();
    }

    @Test
    void theLifecycleKeepsEveryExerciseOpenToWhomItWasAndLosesNothing() throws SQLException {
        flyway("10").migrate();
        Map<String, Long> before;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    insert into app_user (id, username, password_hash, role) values
                        (1, 'teacher', 'x', 'ADMIN'), (2, 'sam', 'x', 'STUDENT');
                    insert into exercise (id, slug, version, content_hash, title, prompt_markdown, definition,
                                          starter_files, visible_tests, test_bundle, is_current) values
                        (1, 'set-one', 1, 'a', 'Set', '# Set', '{}', '{}', '{}', '\\x00', false),
                        (2, 'set-one', 2, 'b', 'Set', '# Set', '{}', '{}', '{}', '\\x00', true),
                        (3, 'free-one', 1, 'c', 'Free', '# Free', '{}', '{}', '{}', '\\x00', true);
                    insert into course (id, slug, title) values (1, 'term', 'Term');
                    insert into enrolment (course_id, user_id) values (1, 2);
                    insert into assignment (course_id, exercise_slug, due_at) values (1, 'set-one', now());
                    insert into submission (id, user_id, exercise_id, files, late) values
                        (1, 2, 1, '{"A.java": "class A {}"}', false),
                        (2, 2, 3, '{"B.java": "class B {}"}', true);
                    insert into grading (submission_id, exercise_id, status, score, max_score) values
                        (1, 1, 'DONE', 80, 100), (2, 3, 'DONE', 100, 100);
                    """);
            before = counts(s);
        }

        flyway("latest").migrate();

        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(counts(s)).isEqualTo(before);
            assertThat(rows(s, "select slug, practice::text from exercise_listing where visibility = 'LISTED'"))
                    .as("an exercise a course sets stays for its students; one no course set stays open to all")
                    .isEqualTo(Map.of("free-one", "true", "set-one", "false"));
            assertThat(rows(s, "select s.id, g.score::int from submission s join grading g on g.submission_id = s.id"))
                    .isEqualTo(Map.of("1", "80", "2", "100"));
            assertThat(rows(s, "select slug, version from exercise where is_current and not draft"))
                    .as("the live versions stay live, and no version became a draft")
                    .isEqualTo(Map.of("set-one", "2", "free-one", "1"));
            assertThat(rows(s, "select slug, version from exercise where draft")).isEmpty();
        }
    }

    private static Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + SCHEMA);
        }
        return c;
    }

    private static Map<String, Long> counts(Statement s) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"app_user", "exercise", "course", "enrolment", "assignment", "submission",
                "grading"}) {
            try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                counts.put(table, rs.getLong(1));
            }
        }
        return counts;
    }

    private static Map<String, String> rows(Statement s, String sql) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }
}
