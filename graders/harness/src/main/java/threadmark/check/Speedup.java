package threadmark.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Measures whether parallel code really runs faster than the same work on one thread, honestly on a small machine:
 * <ul>
 *   <li>both versions are warmed up first, so the JIT does not flatter whichever runs second;</li>
 *   <li>they alternate, round after round, and each is judged by its fastest run. Work on the host (another
 *   container, the server, the database) can only ever add time to a run, never take it away, so the fastest of
 *   several runs is the one closest to what the code itself costs; medians move with the host's bursts;</li>
 *   <li>a calibration workload (independent loops on every CPU), timed the same way on the same cores, shows what
 *   perfect parallelism reached here: when even that cannot reach the threshold, the machine did not give this run
 *   its CPUs, and the run proves nothing about the student's code;</li>
 *   <li>CPU time over wall time says whether threads really worked at the same time, which names the bug when
 *   the speedup is missing.</li>
 * </ul>
 * The threshold scales with the CPUs this JVM sees: {@code factor × CPUs}.
 */
public final class Speedup {


    /** From the fastest sequential and parallel runs of the rounds. */
    public record Result(int cpus, double speedup, long sequentialMillis, long parallelMillis,
                         double parallelCpuPerWall, double cpuRatio, double calibrationSpeedup, int rounds,
                         double shareOfCalibration, String roundTimes, String cpuPerThread) {
        @Override
        public String toString() {
            return String.format("%.2fx on %d CPUs (fastest of %d rounds: one thread %,d ms, all threads %,d ms; "
                            + "%.2f CPUs busy on average while parallel; CPU time parallel/sequential %.2f; calibration "
                            + "%.2fx; CPU time per thread in one parallel run: %s; one thread/all threads per round, ms: %s)",
                    speedup, cpus, rounds, sequentialMillis, parallelMillis, parallelCpuPerWall, cpuRatio,
                    calibrationSpeedup, cpuPerThread, roundTimes);
        }
    }

    private static final double KEEPS_UP_WITH_CALIBRATION = 0.8;
    private static final int MIN_ROUNDS = 6;
    private static final int MAX_ROUNDS = 12;

    private record Timing(long wallNanos, long cpuNanos) {
    }

    private Speedup() {
    }

    /**
     * Times {@code sequential} and {@code parallel} (the same work, on one thread and on every CPU) over at least
     * {@value #MIN_ROUNDS} alternating rounds, and compares their fastest runs. Aborts the test as inconclusive if the
     * calibration could not reach {@code factor × CPUs} within {@value #MAX_ROUNDS} rounds.
     */
    public static Result measure(Runnable sequential, Runnable parallel, double factor) {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) {
            throw Inconclusive.because("this run had " + cpus + " CPU; a speedup needs at least 2");
        }
        Calibration calibration = Calibration.sizedLike(sequential, cpus);
        for (int i = 0; i < 3; i++) {
            sequential.run();
            parallel.run();
        }
        double threshold = factor * cpus;
        Timing bestSeq = null;
        Timing bestPar = null;
        long bestCalSeq = Long.MAX_VALUE;
        long bestCalPar = Long.MAX_VALUE;
        StringBuilder rounds = new StringBuilder();
        int round = 0;
        while (round < MIN_ROUNDS || (round < MAX_ROUNDS && (double) bestCalSeq / bestCalPar < threshold)) {
            round++;
            boolean sequentialFirst = round % 2 == 1;
            Timing seq = sequentialFirst ? time(sequential) : null;
            Timing par = time(parallel);
            if (!sequentialFirst) {
                seq = time(sequential);
            }
            bestCalSeq = Math.min(bestCalSeq, time(calibration::sequential).wallNanos());
            bestCalPar = Math.min(bestCalPar, time(calibration::parallel).wallNanos());
            bestSeq = bestSeq == null || seq.wallNanos() < bestSeq.wallNanos() ? seq : bestSeq;
            bestPar = bestPar == null || par.wallNanos() < bestPar.wallNanos() ? par : bestPar;
            rounds.append(rounds.isEmpty() ? "" : ", ").append(seq.wallNanos() / 1_000_000).append('/')
                    .append(par.wallNanos() / 1_000_000);
        }
        double calibrationSpeedup = (double) bestCalSeq / bestCalPar;
        if (calibrationSpeedup < threshold) {
            throw Inconclusive.because(String.format("in %d rounds the machine never gave this run its %d CPUs at "
                    + "once: a calibration workload reached only %.2fx, below the %.2fx expected", round, cpus,
                    calibrationSpeedup, threshold));
        }
        double speedup = (double) bestSeq.wallNanos() / bestPar.wallNanos();
        return new Result(cpus, speedup, bestSeq.wallNanos() / 1_000_000, bestPar.wallNanos() / 1_000_000,
                (double) bestPar.cpuNanos() / bestPar.wallNanos(),
                (double) bestPar.cpuNanos() / Math.max(1, bestSeq.cpuNanos()), calibrationSpeedup, round,
                speedup / calibrationSpeedup, rounds.toString(), cpuPerThread(parallel));
    }

    /**
     * Fails unless the parallel version is at least {@code factor × CPUs} times faster, explaining from the CPU
     * figures what kept it from running in parallel.
     * <p>
     * A miss is only a failure when the student's code also fell well short of the calibration timed in the same
     * rounds. The calibration and the student's run take turns, so a burst of host work can land on the student's
     * run alone; code that keeps up with the calibration (references reach 0.95-0.99 of it, code that does not run
     * in parallel 0.55 at most) but still misses the threshold makes the run inconclusive, and it is graded again.
     */
    public static Result assertSpeedup(String what, Runnable sequential, Runnable parallel, double factor) {
        Result result = measure(sequential, parallel, factor);
        double threshold = factor * result.cpus();
        if (result.speedup() >= threshold) {
            return result;
        }
        if (result.shareOfCalibration() >= KEEPS_UP_WITH_CALIBRATION) {
            throw Inconclusive.because(String.format("%s reached %.2fx, below the %.2fx expected, yet %.2f of what a "
                    + "perfectly parallel workload reached in the same rounds: the host was busy during the parallel "
                    + "runs. Measured: %s", what, result.speedup(), threshold, result.shareOfCalibration(), result));
        }
        String why;
        if (result.parallelCpuPerWall() < 1.3) {
            why = String.format("While it ran \"in parallel\" only %.2f CPUs were busy on average: one thread did the "
                    + "work while the others waited. Look for threads started and joined one at a time, a lock held "
                    + "around the work itself, or all the work given to one thread.", result.parallelCpuPerWall());
        } else if (result.cpuRatio() > 1.5) {
            why = String.format("The parallel run used %.2f times the CPU time of the sequential one: the threads "
                    + "repeat work or fight over shared data (a contended lock or counter in the inner loop). Give "
                    + "each thread its own part and combine the results once at the end.", result.cpuRatio());
        } else {
            why = "The threads did run at the same time, but the work was split unevenly, so the slowest one "
                    + "decides the time. Split into more, smaller pieces (or interleave the numbers).";
        }
        throw new AssertionError(String.format("%s was only %.2fx faster with %d threads than with one; at least "
                + "%.2fx was expected on %d CPUs. %s\nMeasured: %s", what, result.speedup(), result.cpus(), threshold,
                result.cpus(), why, result));
    }

    private static Timing time(Runnable work) {
        long cpu = ProcessCpu.nanos();
        long wall = System.nanoTime();
        work.run();
        return new Timing(System.nanoTime() - wall, ProcessCpu.nanos() - cpu);
    }

    /**
     * One more, untimed parallel run, during which a sampler reads the CPU time of every thread that run starts
     * (every 2 ms, keeping the last reading: a thread's final milliseconds may be missed). Shows whether the work
     * was really spread over the threads, e.g. "Thread-3 101 ms, Thread-4 99 ms" against "Thread-3 198 ms, Thread-4 2 ms".
     */
    private static String cpuPerThread(Runnable parallel) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return "not measurable here";
        }
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Map<Thread, Long> cpu = new ConcurrentHashMap<>();
        Thread caller = Thread.currentThread();
        AtomicBoolean stop = new AtomicBoolean();
        Thread sampler = Thread.ofPlatform().daemon().name("threadmark-cpu-sampler").start(() -> {
            while (!stop.get()) {
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if ((thread == caller || !before.contains(thread)) && thread != Thread.currentThread()) {
                        long nanos = threads.getThreadCpuTime(thread.threadId());
                        if (nanos >= 0) {
                            cpu.merge(thread, nanos, Math::max);
                        }
                    }
                }
                LockSupport.parkNanos(2_000_000);
            }
        });
        long callerBefore = threads.getThreadCpuTime(caller.threadId());
        parallel.run();
        long callerAfter = threads.getThreadCpuTime(caller.threadId());
        stop.set(true);
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cpu.put(caller, callerAfter - callerBefore);
        return cpu.entrySet().stream()
                .filter(e -> e.getValue() >= 1_000_000)
                .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                .map(e -> (e.getKey() == caller ? "the calling thread" : e.getKey().getName()) + " "
                        + e.getValue() / 1_000_000 + " ms")
                .collect(Collectors.joining(", "));
    }

    /** Independent arithmetic on every CPU, with no shared data: what perfect parallelism looks like right now. */
    private static final class Calibration {
        private final int cpus;
        private final long iterations;
        private volatile long sink;

        private Calibration(int cpus, long iterations) {
            this.cpus = cpus;
            this.iterations = iterations;
        }

        /** Sized to take about as long as the student's sequential run, at most 400 ms. */
        static Calibration sizedLike(Runnable sequential, int cpus) {
            long start = System.nanoTime();
            sequential.run();
            long targetNanos = Math.min(400_000_000L, Math.max(50_000_000L, System.nanoTime() - start));
            Calibration probe = new Calibration(cpus, 2_000_000);
            for (int i = 0; i < 5; i++) {
                probe.spin(probe.iterations);
            }
            long t0 = System.nanoTime();
            probe.spin(probe.iterations);
            long perRun = Math.max(1, System.nanoTime() - t0);
            return new Calibration(cpus, Math.max(1_000_000, probe.iterations * targetNanos / perRun));
        }

        void sequential() {
            for (int i = 0; i < cpus; i++) {
                spin(iterations / cpus);
            }
        }

        void parallel() {
            Thread[] threads = new Thread[cpus];
            for (int i = 0; i < cpus; i++) {
                threads[i] = new Thread(() -> spin(iterations / cpus), "calibration-" + i);
                threads[i].start();
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        private void spin(long count) {
            long x = 0x9E3779B97F4A7C15L;
            for (long i = 0; i < count; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            sink = x;
        }
    }

}
