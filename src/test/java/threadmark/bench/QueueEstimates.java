package threadmark.bench;

import threadmark.submission.EstimateAccuracy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;

/**
 * For the grading benchmark's report: how far the waits shown to queued students (recorded on submitting) were from
 * what happened, read from the benchmarked server's database (scripts/bench.sh's threadmark_bench on 127.0.0.1 unless
 * -Dbench.db-url, -Dbench.db-user, -Dbench.db-password say otherwise).
 */
final class QueueEstimates {

    private QueueEstimates() {
    }

    static String describe(Instant since) {
        String url = System.getProperty("bench.db-url", "jdbc:postgresql://127.0.0.1:"
                + System.getenv().getOrDefault("THREADMARK_PG_PORT", "5432") + "/threadmark_bench");
        try (Connection connection = DriverManager.getConnection(url, System.getProperty("bench.db-user", "threadmark"),
                System.getProperty("bench.db-password", "threadmark"))) {
            return "Wait shown on submitting against the wait until the result: "
                    + EstimateAccuracy.since(connection, since).describe() + ".";
        } catch (SQLException e) {
            return "Wait estimates not read (" + e.getMessage() + ").";
        }
    }
}
