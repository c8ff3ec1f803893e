package threadmark.submission;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;

/**
 * The wait queued students were shown on submitting, against what happened. The page says "about N s left" until the
 * result, so the actual wait is queued to finished; the wait until a worker claimed it is given beside it.
 *
 * @param gradings         finished gradings since then that were shown an estimate
 * @param medianAbsError   median of |estimate - actual|, seconds
 * @param medianError      median of (estimate - actual), seconds: negative when estimates were too hopeful
 * @param withinHalf       share whose estimate was within ±50 % of the actual wait
 * @param medianActual     median actual wait (queued to result), seconds
 * @param medianClaimWait  median wait until a worker took it (queued to started), seconds
 */
public record EstimateAccuracy(long gradings, double medianAbsError, double medianError, double withinHalf,
                               double medianActual, double medianClaimWait) {

    private static final String QUERY = """
            with shown as (
                select estimated_wait_seconds as estimate,
                       extract(epoch from finished_at - queued_at) as actual,
                       extract(epoch from started_at - queued_at) as claimed
                  from grading
                 where status = 'DONE' and finished_at > ? and estimated_wait_seconds is not null)
            select count(*),
                   coalesce(percentile_cont(0.5) within group (order by abs(estimate - actual)), 0),
                   coalesce(percentile_cont(0.5) within group (order by estimate - actual), 0),
                   coalesce(avg(case when abs(estimate - actual) <= 0.5 * actual then 1.0 else 0.0 end), 0),
                   coalesce(percentile_cont(0.5) within group (order by actual), 0),
                   coalesce(percentile_cont(0.5) within group (order by claimed), 0)
              from shown""";

    public static EstimateAccuracy since(EntityManager em, Instant since) {
        return em.unwrap(Session.class).doReturningWork(connection -> since(connection, since));
    }

    /** The same over a plain connection, for a benchmark that reads the server's database from outside. */
    public static EstimateAccuracy since(Connection connection, Instant since) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setTimestamp(1, Timestamp.from(since));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new EstimateAccuracy(row.getLong(1), row.getDouble(2), row.getDouble(3), row.getDouble(4),
                        row.getDouble(5), row.getDouble(6));
            }
        }
    }

    /** One line for an operator's report. */
    public String describe() {
        if (gradings == 0) {
            return "no finished grading was shown a wait estimate";
        }
        return String.format(Locale.ROOT, "%d gradings: estimate off by a median %.1f s (median signed %+.1f s), "
                        + "%.0f %% within ±50 %% of the actual wait; median actual wait %.1f s (claimed after %.1f s)",
                gradings, medianAbsError, medianError, 100 * withinHalf, medianActual, medianClaimWait);
    }
}
