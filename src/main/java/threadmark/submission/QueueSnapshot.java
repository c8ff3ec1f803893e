package threadmark.submission;

import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queue as pages show it: each queued grading's place, and roughly how long until it is done. One read serves
 * every page that follows a queued grading until the queue moves again ({@link GradingChanges#queue()}).
 */
public final class QueueSnapshot {

    /** One state of the queue's order; a new one each time a grading enters or leaves the queue. */
    static final class Version {
    }

    /** For readers none of whose gradings is queued: every place is null, and nothing was read. */
    static final QueueSnapshot NOTHING_ASKED = new QueueSnapshot(new Version(), Map.of(), 0);

    final Version version;
    private final Map<Long, Long> ahead;
    private final double secondsPerGrading;

    private QueueSnapshot(Version version, Map<Long, Long> ahead, double secondsPerGrading) {
        this.version = version;
        this.ahead = ahead;
        this.secondsPerGrading = secondsPerGrading;
    }

    /**
     * Gradings that will run before this one while it is queued; null for one that is not queued. A grading read as
     * queued that this snapshot does not hold has just left the queue (its announcement follows): nothing is ahead.
     */
    public Long position(Grading grading) {
        if (grading.status != Grading.Status.QUEUED) {
            return null;
        }
        return ahead.getOrDefault(grading.id, 0L);
    }

    /**
     * Seconds until this grading is done, roughly, while it is queued: the gradings ahead of it and itself times the
     * time one grading took of the server's throughput over the last five minutes (or, on a quiet server, the recent
     * average time of one grading). Null for one that is not queued.
     */
    public Long estimatedWaitSeconds(Grading grading) {
        Long before = position(grading);
        return before == null ? null : Math.round((before + 1) * secondsPerGrading);
    }

    boolean includes(long gradingId) {
        return ahead.containsKey(gradingId);
    }

    /** Reads the queue now, in the caller's transaction. */
    static QueueSnapshot take(EntityManager em, Version version) {
        @SuppressWarnings("unchecked")
        List<Number> queued = em.createNativeQuery(
                "select id from grading where status = 'QUEUED' order by " + GradingQueue.CLAIM_ORDER).getResultList();
        Map<Long, Long> ahead = new HashMap<>(queued.size() * 2);
        for (int i = 0; i < queued.size(); i++) {
            ahead.put(queued.get(i).longValue(), (long) i);
        }
        return new QueueSnapshot(version, ahead, secondsPerGrading(em));
    }

    /**
     * The wait a grading just queued (in the caller's transaction, so not yet in any snapshot) would be shown: the same
     * reckoning as {@link #estimatedWaitSeconds}, over the gradings queued ahead of it in claim order.
     */
    static long estimateOnEntry(EntityManager em, long gradingId) {
        long ahead = ((Number) em.createNativeQuery("""
                        select count(*) from grading q, grading me
                         where me.id = ?1 and q.status = 'QUEUED'
                           and (q.priority, q.turn, q.id) < (me.priority, me.turn, me.id)""")
                .setParameter(1, gradingId).getSingleResult()).longValue();
        return Math.round((ahead + 1) * secondsPerGrading(em));
    }

    private static double secondsPerGrading(EntityManager em) {
        Instant since = Instant.now().minusSeconds(300);
        long finished = ((Number) em.createNativeQuery(
                        "select count(*) from grading where status = 'DONE' and finished_at > ?1")
                .setParameter(1, since).getSingleResult()).longValue();
        if (finished >= 5) {
            return 300.0 / finished;
        }
        Number average = (Number) em.createNativeQuery("select avg(extract(epoch from finished_at - started_at)) "
                        + "from grading where status = 'DONE' and finished_at > ?1")
                .setParameter(1, since.minusSeconds(3600)).getSingleResult();
        return average == null ? 5.0 : average.doubleValue();
    }
}
