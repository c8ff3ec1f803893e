package threadmark.submission;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The queue's length and age for the metrics, read with one small query and kept for a few seconds, so that however
 * often Prometheus (or several) scrape, the database answers at most once per {@code maxAge}. A read that fails (the
 * database is away) gives NaN, never an error: the scrape still answers, and {@code /q/health} says what is wrong.
 */
final class QueueReading {

    /** One reading: gradings per state, and how long the oldest queued student submission and regrade have waited. */
    record Figures(double queued, double running, double waiting, double oldestSubmissionSeconds,
                   double oldestRegradeSeconds) {
        static final Figures UNKNOWN = new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Both parts stay within the partial indexes {@code grading_queue} (QUEUED, RUNNING) and {@code grading_waiting}:
     * the finished gradings, nearly all rows on a deadline night, are never read.
     */
    static final String SQL = """
            select count(*) filter (where status = 'QUEUED'),
                   count(*) filter (where status = 'RUNNING'),
                   (select count(*) from grading where status = 'WAITING'),
                   coalesce(extract(epoch from now() - min(queued_at) filter (where status = 'QUEUED' and priority = 0)), 0),
                   coalesce(extract(epoch from now() - min(queued_at) filter (where status = 'QUEUED' and priority > 0)), 0)
              from grading where status in ('QUEUED', 'RUNNING')""";

    private final Supplier<Figures> reader;
    private final Duration maxAge;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Figures figures = Figures.UNKNOWN;
    private volatile Instant readAt = Instant.MIN;

    QueueReading(Supplier<Figures> reader, Duration maxAge) {
        this.reader = reader;
        this.maxAge = maxAge;
    }

    /**
     * The latest figures, read again when older than {@code maxAge}. While one scrape reads, the others get the figures
     * it is replacing rather than a second query.
     */
    Figures figures() {
        if (Instant.now().isAfter(readAt.plus(maxAge)) && reading.tryLock()) {
            try {
                if (Instant.now().isAfter(readAt.plus(maxAge))) {
                    figures = readOrUnknown();
                    readAt = Instant.now();
                }
            } finally {
                reading.unlock();
            }
        }
        return figures;
    }

    private Figures readOrUnknown() {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            return Figures.UNKNOWN;
        }
    }

    /** Runs {@link #SQL} on this connection, giving up after {@code timeoutSeconds}. */
    static Figures read(Connection connection, int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Figures(row.getDouble(1), row.getDouble(2), row.getDouble(3), row.getDouble(4),
                        row.getDouble(5));
            }
        }
    }
}
