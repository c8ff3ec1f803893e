package threadmark.bench;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import threadmark.grading.GradeReport;
import threadmark.submission.ClaimedJob;
import threadmark.submission.GradingQueue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The grading queue at a scale this machine cannot grade: simulated workers whose sandbox is a timed stand-in (a sleep),
 * in front of the real {@link GradingQueue} (claim, input, started, lease renewal, store) and the real PostgreSQL. A
 * burst of submissions is inserted in bulk (the queue's own triggers give each its turn), then every worker claims,
 * "grades" and stores until the queue is empty or the time limit is reached. What it reads besides: claim latency in
 * the workers, CPU time of the PostgreSQL backends serving this database from /proc, what those backends wait on
 * (sampled from pg_stat_activity), and index entries read per claim.
 */
final class QueueSimulation {

    /**
     * @param heavyStudentJobs jobs of one student inserted before everyone else's (the student who submits again and
     *                         again); the other jobs are spread over {@code students} students, interleaved
     */
    record Settings(int workers, int jobs, int students, int heavyStudentJobs, int minMillis, int maxMillis,
                    Duration renewEvery, Duration timeLimit) {
    }

    record Claim(long gradingId, long studentId, long sequence) {
    }

    /** Latencies in microseconds. */
    record Result(Settings settings, int poolSize, double seconds, long claims, long emptyClaims, long failedClaims,
                  long renewals,
                  long stored, long notStored, long storedTwice, long reclaimed, long latencyP50, long latencyP95,
                  long latencyP99, long latencyMax, double dbCpuSeconds, double jvmCpuSeconds, double machineBusy,
                  Map<String, Long> dbWaits, double indexEntriesPerClaim, List<Claim> claimOrder, long heavyStudent) {

        double claimsPerSecond() {
            return claims / seconds;
        }

        double renewalsPerSecond() {
            return renewals / seconds;
        }

        /** Share of the sampled active backends of this database waiting for a lock (row or transaction id). */
        double lockWaitShare() {
            long all = dbWaits.values().stream().mapToLong(Long::longValue).sum();
            long locks = dbWaits.entrySet().stream().filter(e -> e.getKey().startsWith("Lock:"))
                    .mapToLong(Map.Entry::getValue).sum();
            return all == 0 ? 0 : (double) locks / all;
        }
    }

    private static final GradeReport REPORT = new GradeReport(GradeReport.Outcome.TESTED, "simulated", 100, 100,
            List.of(), List.of(), "", Map.of("runMillis", 1L));

    private final GradingQueue queue;
    private final EntityManager em;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    /** What went wrong in claims and jobs (normally nothing), for the report. */
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    QueueSimulation(GradingQueue queue, EntityManager em, String jdbcUrl, String user, String password) {
        this.queue = queue;
        this.em = em;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Empties the queue tables and inserts the burst in three statements; returns the heavy student's id. */
    long insertBurst(Settings settings) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("delete from test_result").executeUpdate();
            em.createNativeQuery("delete from grading").executeUpdate();
            em.createNativeQuery("delete from submission").executeUpdate();
            em.createNativeQuery("""
                            insert into app_user (username, password_hash, role)
                            select 'sim-' || i, 'not-a-password', 'STUDENT' from generate_series(0, ?1) i
                            on conflict (username) do nothing""")
                    .setParameter(1, settings.students()).executeUpdate();
            // Student sim-0 submits heavyStudentJobs times first; then the others, round after round, in a shuffled
            // order within each round, as a class does in the last minutes.
            em.createNativeQuery("""
                            insert into submission (user_id, exercise_id, files, submitted_at)
                            select u.id, e.id, '{"Counter.java": "public class Counter {}"}'::jsonb, now()
                              from (select 0 as student, i as n from generate_series(1, ?1) i
                                    union all
                                    select 1 + (i % ?2), i from generate_series(0, ?3 - 1) i) job
                              join app_user u on u.username = 'sim-' || job.student
                              cross join (select id from exercise where slug = 'race-counter' and is_current) e
                             order by job.student <> 0, job.n / ?2, md5(job.n::text)""")
                    .setParameter(1, settings.heavyStudentJobs())
                    .setParameter(2, settings.students())
                    .setParameter(3, settings.jobs() - settings.heavyStudentJobs())
                    .executeUpdate();
            em.createNativeQuery("""
                            insert into grading (submission_id, exercise_id, status, priority)
                            select id, exercise_id, 'QUEUED', 0 from submission order by id""").executeUpdate();
            em.createNativeQuery("analyze grading").executeUpdate();
            return ((Number) em.createNativeQuery("select id from app_user where username = 'sim-0'")
                    .getSingleResult()).longValue();
        });
    }

    Result run(Settings settings, int poolSize) throws Exception {
        long heavy = insertBurst(settings);
        Map<Long, Long> studentOf = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (Object row : em.createNativeQuery("select id, student_id from grading").getResultList()) {
                Object[] r = (Object[]) row;
                studentOf.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
            }
        });
        try (Connection observer = DriverManager.getConnection(jdbcUrl, user, password)) {
            return simulate(settings, poolSize, heavy, studentOf, observer);
        }
    }

    private Result simulate(Settings settings, int poolSize, long heavy, Map<Long, Long> studentOf,
                            Connection observer) throws Exception {
        Set<ClaimedJob> active = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Claim> claims = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong sequence = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong renewals = new AtomicLong();
        AtomicLong reclaimed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Long> waits = new ConcurrentHashMap<>();

        // One lease-renewal thread, as each server process has (GradingWorkers.renewLeases).
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();
        renewer.scheduleWithFixedDelay(() -> {
            for (ClaimedJob job : active) {
                try {
                    queue.renew(job);
                    renewals.incrementAndGet();
                } catch (RuntimeException e) {
                    // counted by what follows: a job whose lease lapsed is claimed again
                }
            }
        }, settings.renewEvery().toMillis(), settings.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleWaits(observer, stop, waits));

        Map<Long, Long> before = backendCpuTicks(observer);
        long indexBefore = indexEntriesRead(observer);
        long[] machineBefore = machineTicks();
        long jvmBefore = jvmCpuNanos();
        long started = System.nanoTime();
        long deadline = started + settings.timeLimit().toNanos();
        CountDownLatch done = new CountDownLatch(settings.workers());
        AtomicLong lastClaim = new AtomicLong(started);
        for (int w = 0; w < settings.workers(); w++) {
            String workerId = "sim:" + ProcessHandle.current().pid() + "@0/w" + w;
            Thread.ofPlatform().name("sim-worker-" + w).start(() -> {
                try {
                    work(workerId, settings, deadline, active, claims, latencies, sequence, empty, failed, reclaimed,
                            lastClaim, studentOf);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long ended = lastClaim.get();
        stop.set(true);
        renewer.shutdownNow();
        sampler.join(2_000);
        double jvmCpu = (jvmCpuNanos() - jvmBefore) / 1e9;
        long[] machineAfter = machineTicks();
        long indexAfter = indexEntriesRead(observer);
        Map<Long, Long> after = backendCpuTicks(observer);
        double dbCpu = 0;
        for (Map.Entry<Long, Long> backend : after.entrySet()) {
            dbCpu += backend.getValue() - before.getOrDefault(backend.getKey(), 0L);
        }
        dbCpu /= 100.0; // clock ticks (USER_HZ)
        double machineBusy = machineAfter[1] == machineBefore[1] ? 0
                : (double) (machineAfter[0] - machineBefore[0]) / (machineAfter[1] - machineBefore[1]);

        long[] outcome = outcome(observer);
        List<Long> sorted = latencies.stream().sorted().toList();
        List<Claim> order = claims.stream().sorted(java.util.Comparator.comparingLong(Claim::sequence)).toList();
        return new Result(settings, poolSize, (ended - started) / 1e9, order.size(), empty.get(), failed.get(),
                renewals.get(),
                outcome[0], outcome[1], outcome[2], reclaimed.get(), rank(sorted, 50), rank(sorted, 95),
                rank(sorted, 99), sorted.isEmpty() ? 0 : sorted.getLast(), dbCpu, jvmCpu, machineBusy,
                Map.copyOf(waits), order.isEmpty() ? 0 : (double) (indexAfter - indexBefore) / order.size(), order,
                heavy);
    }

    private void work(String workerId, Settings settings, long deadline, Set<ClaimedJob> active,
                      ConcurrentLinkedQueue<Claim> claims, ConcurrentLinkedQueue<Long> latencies, AtomicLong sequence,
                      AtomicLong empty, AtomicLong failed, AtomicLong reclaimed, AtomicLong lastClaim, Map<Long, Long> studentOf) {
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            Optional<ClaimedJob> claimed;
            try {
                claimed = queue.claim(workerId, 2);
            } catch (RuntimeException e) {
                problems.add("claim: " + rootMessage(e));
                failed.incrementAndGet(); // no pooled connection in time, or the database away: back off as a worker does
                sleep(50);
                continue;
            }
            long t1 = System.nanoTime();
            latencies.add((t1 - t0) / 1_000);
            if (claimed.isEmpty()) {
                empty.incrementAndGet();
                if (active.isEmpty() && pendingIsZero()) {
                    return;
                }
                sleep(100);
                continue;
            }
            ClaimedJob job = claimed.get();
            lastClaim.accumulateAndGet(t1, Math::max);
            claims.add(new Claim(job.gradingId(), studentOf.getOrDefault(job.gradingId(), -1L),
                    sequence.incrementAndGet()));
            if (job.attempt() > 1) {
                reclaimed.incrementAndGet();
            }
            active.add(job);
            try {
                queue.input(job);
                queue.started(job);
                int span = settings.maxMillis() - settings.minMillis();
                sleep(settings.minMillis() + (span <= 0 ? 0 : ThreadLocalRandom.current().nextInt(span + 1)));
                queue.complete(job, REPORT);
            } catch (RuntimeException e) {
                problems.add("job: " + rootMessage(e));
                queue.fail(job, e.getMessage());
            } finally {
                active.remove(job);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.lines().findFirst().orElse(message);
    }

    private boolean pendingIsZero() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from grading where status in ('QUEUED', 'RUNNING', 'WAITING')").getSingleResult())
                .longValue() == 0);
    }

    /** Gradings stored once; not stored (lost or left by the time limit); stored more than once. */
    private static long[] outcome(Connection observer) throws SQLException {
        try (Statement s = observer.createStatement(); ResultSet r = s.executeQuery("""
                select count(*) filter (where status = 'DONE' and results_stored = 1),
                       count(*) filter (where status <> 'DONE'),
                       count(*) filter (where results_stored > 1) from grading""")) {
            r.next();
            return new long[]{r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }

    /** CPU clock ticks (user + system) of each PostgreSQL backend serving this database, from /proc. */
    private static Map<Long, Long> backendCpuTicks(Connection observer) throws SQLException {
        Map<Long, Long> ticks = new HashMap<>();
        try (Statement s = observer.createStatement(); ResultSet r = s.executeQuery(
                "select pid from pg_stat_activity where datname = current_database()")) {
            while (r.next()) {
                long pid = r.getLong(1);
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException e) {
                    // a backend that just ended, or a database on another host: not counted
                }
            }
        }
        return ticks;
    }

    private static long indexEntriesRead(Connection observer) throws SQLException {
        try (Statement s = observer.createStatement(); ResultSet r = s.executeQuery(
                "select coalesce(sum(idx_tup_read), 0) from pg_stat_user_indexes where indexrelname = 'grading_queue'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Every 100 ms: what the active backends of this database are doing (CPU, or which wait). */
    private static void sampleWaits(Connection observer, AtomicBoolean stop, Map<String, Long> waits) {
        try (Statement s = observer.createStatement()) {
            while (!stop.get()) {
                try (ResultSet r = s.executeQuery("""
                        select coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*) from pg_stat_activity
                         where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
                         group by 1""")) {
                    while (r.next()) {
                        waits.merge(r.getString(1), r.getLong(2), Long::sum);
                    }
                }
                Thread.sleep(100);
            }
        } catch (SQLException | InterruptedException e) {
            // sampling is best effort
        }
    }

    /** Busy and total ticks of the whole machine (every process, not only this simulation). */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static long rank(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> table(List<Result> results) {
        List<String> lines = new ArrayList<>();
        lines.add("| workers | pool | stand-in | jobs | claims/s | claim p50 / p95 / p99 (ms) | renewals/s | stored once "
                + "| not stored | twice | DB CPU (s) / per claim (ms) | JVM CPU (s) | machine busy | backends waiting on "
                + "locks | index entries per claim |");
        lines.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            Settings s = r.settings();
            lines.add(String.format(java.util.Locale.ROOT,
                    "| %d | %d | %d-%d ms | %d | %.1f | %.1f / %.1f / %.1f | %.2f | %d | %d | %d | %.1f / %.2f | %.1f "
                            + "| %.0f %% | %.0f %% | %.1f |",
                    s.workers(), r.poolSize(), s.minMillis(), s.maxMillis(), s.jobs(), r.claimsPerSecond(),
                    r.latencyP50() / 1000.0, r.latencyP95() / 1000.0, r.latencyP99() / 1000.0, r.renewalsPerSecond(),
                    r.stored(), r.notStored(), r.storedTwice(), r.dbCpuSeconds(),
                    r.claims() == 0 ? 0 : 1000 * r.dbCpuSeconds() / r.claims(), r.jvmCpuSeconds(),
                    100 * r.machineBusy(), 100 * r.lockWaitShare(), r.indexEntriesPerClaim()));
        }
        return lines;
    }
}
