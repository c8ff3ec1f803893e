package threadmark.submission;

import jakarta.persistence.EntityManager;

import java.time.Instant;

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

    public static EstimateAccuracy since(EntityManager em, Instant since) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        with shown as (
                            select estimated_wait_seconds as estimate,
                                   extract(epoch from finished_at - queued_at) as actual,
                                   extract(epoch from started_at - queued_at) as claimed
                              from grading
                             where status = 'DONE' and finished_at > ?1 and estimated_wait_seconds is not null)
                        select count(*),
                               coalesce(percentile_cont(0.5) within group (order by abs(estimate - actual)), 0),
                               coalesce(percentile_cont(0.5) within group (order by estimate - actual), 0),
                               coalesce(avg(case when abs(estimate - actual) <= 0.5 * actual then 1.0 else 0.0 end), 0),
                               coalesce(percentile_cont(0.5) within group (order by actual), 0),
                               coalesce(percentile_cont(0.5) within group (order by claimed), 0)
                          from shown""")
                .setParameter(1, since).getSingleResult();
        return new EstimateAccuracy(((Number) row[0]).longValue(), number(row[1]), number(row[2]), number(row[3]),
                number(row[4]), number(row[5]));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    /** One line for an operator's report. */
    public String describe() {
        if (gradings == 0) {
            return "no finished grading was shown a wait estimate";
        }
        return String.format(java.util.Locale.ROOT, "%d gradings: estimate off by a median %.1f s (median signed %+.1f s), "
                        + "%.0f %% within ±50 %% of the actual wait; median actual wait %.1f s (claimed after %.1f s)",
                gradings, medianAbsError, medianError, 100 * withinHalf, medianActual, medianClaimWait);
    }
}
