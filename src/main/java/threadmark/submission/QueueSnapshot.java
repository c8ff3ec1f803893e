package threadmark.submission;

import jakarta.persistence.EntityManager;

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
     * time one grading takes of the queue's throughput ({@link #secondsPerGrading}). Null for one that is not queued.
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

    /**
     * Seconds of the queue's progress per grading. Measured only while the queue has not been empty (since the oldest
     * queued grading was submitted, at most five minutes back): counted over idle minutes too, a burst after a quiet
     * spell was promised a median 801 s more than it waited (118 s). Before that window holds enough, the recent
     * average time of one grading over the gradings running at once.
     */
    static double secondsPerGrading(EntityManager em) {
        Object[] now = (Object[]) em.createNativeQuery("""
                        select case when min(queued_at) is null then 0
                                    else extract(epoch from now() - greatest(min(queued_at), now() - interval '300 seconds'))
                               end,
                               (select count(*) from grading where status = 'RUNNING')
                          from grading where status = 'QUEUED'""").getSingleResult();
        double busySeconds = now[0] == null ? 0 : ((Number) now[0]).doubleValue();
        long running = ((Number) now[1]).longValue();
        if (busySeconds >= 30) {
            long finished = ((Number) em.createNativeQuery("""
                            select count(*) from grading
                             where status = 'DONE' and finished_at > now() - make_interval(secs => ?1)""")
                    .setParameter(1, busySeconds).getSingleResult()).longValue();
            if (finished >= 5) {
                return busySeconds / finished;
            }
        }
        Number average = (Number) em.createNativeQuery("select avg(extract(epoch from finished_at - started_at)) "
                        + "from grading where status = 'DONE' and finished_at > now() - interval '1 hour'")
                .getSingleResult();
        return (average == null ? 5.0 : average.doubleValue()) / Math.max(1, running);
    }
}
