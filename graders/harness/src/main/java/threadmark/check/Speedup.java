package threadmark.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Measures whether the student's parallel code is as fast as the exercise's own reference solution running in
 * parallel, on the same kind of work, on the same cores, in the same rounds, with evidence a solution cannot stage:
 * <ul>
 *   <li>the yardstick is the reference (see {@link Reference}), timed with one thread and with every CPU beside the
 *   student's parallel run, round after round: whatever the host does to the CPUs (two vCPUs that are hyperthreads of
 *   one core, a neighbour) it does to both. Where even the reference cannot reach {@code factor × CPUs}, the run is
 *   inconclusive and says so, instead of judging the student;</li>
 *   <li>the student's own one-thread time is never used, so code that behaves differently when it sees the
 *   measurement (a sleep, a slower path) gains nothing; every run gets a fresh input from the test, so no answer can
 *   be kept from an earlier run or worked out beforehand, and its result must equal the reference's;</li>
 *   <li>each side is judged by its fastest run (host work only adds time), but a round counts for the reference only
 *   if no thread that was alive before a reference run used CPU during it, and the JVM as a whole ({@link ProcessCpu},
 *   which no code can fake) used at most one CPU during the one-thread run: student threads left running, which could
 *   slow the yardstick down, are caught;</li>
 *   <li>the student's fastest parallel run must have used about the CPU time the work needs, several CPUs at once,
 *   on threads that this measurement saw start (or the JDK's pools): CPU per thread names the bug when it misses.</li>
 * </ul>
 <p>
 * Example: counting primes with 4 threads must really run faster than with one, measured against the reference
 * solution on the same machine in the same run (so a busy or slow machine does not fail a right answer):
 * <pre>{@code
 * Reference<Range> reference = Reference.staticMethod(
 *         (range, threads) -> new Object[] {range.from(), range.to(), threads},
 *         "PrimeCounter", "countPrimes", long.class, long.class, int.class);
 * Speedup.Result result = Speedup.assertSpeedup("countPrimes(from, from + 2,000,000, threads)",
 *         round -> Range.startingAt(base + round * 1_000L),
 *         (range, threads) -> PrimeCounter.countPrimes(range.from(), range.to(), threads),
 *         reference, 0.75);
 * }</pre>
 * Needs {@code jit: full} and {@code cpus: 2} (or more) with {@code exclusive-cpus: true} in exercise.yaml.
 */
public final class Speedup {

    /** The student's code under test: returns what it computed for {@code input} with {@code threads} threads. */
    @FunctionalInterface
    public interface Solution<I> {
        /** Runs the student's code on {@code input} with {@code threads} threads and returns its answer. */
        Object run(I input, int threads) throws Exception;
    }

    /** From the fastest runs of the rounds; times in milliseconds. */
    public record Result(int cpus, int rounds, int countedRounds, long referenceOneThreadMillis,
                         long referenceParallelMillis, long parallelMillis, double referenceSpeedup, double speedup,
                         double shareOfReference, double busyCpus, double referenceBusyCpus, double cpuOfWork,
                         String roundTimes) {
        @Override
        public String toString() {
            return String.format("%.2fx on %d CPUs against the reference's %.2fx (fastest of %d rounds, %d of them "
                            + "counted for the reference: reference one thread %,d ms, reference all threads %,d ms, "
                            + "yours %,d ms; while yours ran %.2f CPUs were busy on average (%.2f while the reference "
                            + "ran), for %.2f times the CPU time "
                            + "the reference needs on one thread; reference one thread/reference parallel/yours per "
                            + "round, ms, * = a round in which something else used this JVM's CPUs: %s)",
                    speedup, cpus, referenceSpeedup, rounds, countedRounds, referenceOneThreadMillis,
                    referenceParallelMillis, parallelMillis, busyCpus, referenceBusyCpus, cpuOfWork, roundTimes);
        }
    }

    /** The student's parallel run must reach this share of the reference's speedup. */
    static final double KEEP_UP = 0.8;
    /** A one-thread reference run during which the JVM used more CPU than this per wall second was disturbed. */
    private static final double ONE_CPU = 1.2;
    /** Below this share of the reference's one-thread CPU, the student's run cannot have done the work. */
    private static final double LEAST_WORK = 0.5;
    private static final long SLACK_NANOS = 5_000_000;
    private static final int WARM_UP = 2;
    /**
     * Rounds stop once the reference's runs took this long (the warm-up at half of it): a host that slow is busy. Only
     * the reference's time counts, so a slow student is judged (or stopped by the test's timeout), not excused; a
     * test's time limit must leave room for about twice this.
     */
    private static final long BUDGET_NANOS = 20_000_000_000L;
    private static final int MIN_ROUNDS = 6;
    private static final int MIN_COUNTED = 3;
    private static final int MAX_ROUNDS = 12;
    private static final int[][] ORDERS = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {0, 2, 1}, {2, 0, 1}, {1, 0, 2}};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Speedup() {
    }

    /**
     * Fails unless the student's code, run with every CPU on fresh inputs, keeps up with the reference solution
     * ({@value #KEEP_UP} of its speedup over its own one-thread time), explaining from CPU figures what kept it from
     * running in parallel. Inconclusive when the reference itself cannot reach {@code factor × CPUs} here.
     *
     * @param inputs    a fresh input for every round (e.g. a random range); runs with different inputs must cost the
     *                  same, and the input's {@code toString} is shown to the student when a result is wrong
     * @param student   calls the student's code
     * @param reference the same call on the reference solution
     */
    public static <I> Result assertSpeedup(String what, IntFunction<I> inputs, Solution<I> student,
            Reference<I> reference, double factor) {
        return check(what, inputs, student, reference::run, factor);
    }

    /** The measurement, with any code as the yardstick (the check library's own tests use this). */
    static <I> Result check(String what, IntFunction<I> inputs, Solution<I> student, Solution<I> reference,
            double factor) {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) {
            throw Inconclusive.because("this run had " + cpus + " CPU; a speedup needs at least 2");
        }
        if (ProcessCpu.nanos() < 0) {
            throw Inconclusive.because("this JVM cannot read its CPU time, which the measurement rests on");
        }
        double threshold = factor * cpus;
        Bystanders bystanders = Bystanders.now();
        Runner<I> runner = new Runner<>(what, student, reference, cpus, bystanders);
        for (int i = 0; i < WARM_UP; i++) {
            runner.round(inputs.apply(i), i);
            if (runner.referenceNanos > BUDGET_NANOS / 2) {
                throw Inconclusive.because(String.format("the host is busy: our reference solution's warm-up runs "
                        + "alone took %d s", runner.referenceNanos / 1_000_000_000L));
            }
        }
        Run bestOne = null;
        Run bestParallel = null;
        Run bestStudent = null;
        int counted = 0;
        int disturbedByThreads = 0;
        int round = 0;
        StringBuilder times = new StringBuilder();
        List<String> disturbances = new ArrayList<>();
        while (round < MAX_ROUNDS && runner.referenceNanos < BUDGET_NANOS
                && (round < MIN_ROUNDS || counted < MIN_COUNTED
                || speedup(bestOne, bestParallel) < threshold || share(bestParallel, bestStudent) < KEEP_UP)) {
            Run[] runs = runner.round(inputs.apply(WARM_UP + round), round);
            round++;
            Run one = runs[0];
            Run parallel = runs[1];
            Run yours = runs[2];
            // Foreign threads are judged against the reference's own CPU, not the wall: on a host that starves this
            // JVM, a thread running beside the reference gets as little CPU as the reference does.
            boolean foreign = one.othersCpuNanos() > (one.cpuNanos() - one.othersCpuNanos()) / 10 + SLACK_NANOS
                    || parallel.othersCpuNanos() > (parallel.cpuNanos() - parallel.othersCpuNanos()) / 10 + SLACK_NANOS;
            // No rule compares the parallel run's CPU time with the one-thread run's: on two hyperthreads of one
            // core each thread is charged full CPU time for half the work, and that host must read as such.
            boolean clean = !foreign && one.cpuNanos() <= one.wallNanos() * ONE_CPU + SLACK_NANOS;
            if (clean) {
                counted++;
                bestOne = faster(bestOne, one);
                bestParallel = faster(bestParallel, parallel);
            } else {
                disturbedByThreads += foreign ? 1 : 0;
                disturbances.add(String.format("the JVM used %,d ms of CPU during a %,d ms one-thread run of the "
                                + "reference (threads that were running before the reference's runs: %s)",
                        one.cpuNanos() / 1_000_000, one.wallNanos() / 1_000_000,
                        parallel.othersCpuNanos() > one.othersCpuNanos() ? parallel.others() : one.others()));
            }
            bestStudent = faster(bestStudent, yours);
            times.append(times.isEmpty() ? "" : ", ").append(one.wallNanos() / 1_000_000).append('/')
                    .append(parallel.wallNanos() / 1_000_000).append('/').append(yours.wallNanos() / 1_000_000)
                    .append(clean ? "" : "*");
        }
        if (counted < MIN_COUNTED && disturbedByThreads > (round - counted) / 2) {
            throw new AssertionError(String.format("%s could not be measured: in %d of %d rounds, while our "
                    + "reference solution ran, threads of this JVM did other work than the reference's, e.g. %s. "
                    + "Your code keeps something running after it returns (a thread, a pool or its tasks) that "
                    + "competes with the measurement: make sure all its work has ended before it returns.\n"
                    + "Rounds (reference one thread/reference parallel/yours, ms): %s", what, round - counted, round,
                    disturbances.getFirst(), times));
        }
        if (counted < MIN_COUNTED) {
            throw Inconclusive.because(round < MIN_ROUNDS
                    ? String.format("the host is busy: in %d s of our reference solution's runs only %d rounds could "
                            + "be timed (%s)",
                            BUDGET_NANOS / 1_000_000_000L, round, times)
                    : String.format("in %d of %d rounds this JVM was busy with its own work (JIT compiler, garbage "
                            + "collector) while the reference ran, e.g. %s", round - counted, round,
                            disturbances.getFirst()));
        }
        double referenceSpeedup = speedup(bestOne, bestParallel);
        Result result = new Result(cpus, round, counted, bestOne.wallNanos() / 1_000_000,
                bestParallel.wallNanos() / 1_000_000, bestStudent.wallNanos() / 1_000_000, referenceSpeedup,
                speedup(bestOne, bestStudent), share(bestParallel, bestStudent),
                (double) bestStudent.ownCpuNanos() / bestStudent.wallNanos(),
                (double) bestParallel.cpuNanos() / bestParallel.wallNanos(),
                (double) bestStudent.ownCpuNanos() / Math.max(1, bestOne.cpuNanos()), times.toString());
        if (result.referenceBusyCpus() < threshold) {
            throw Inconclusive.because(String.format("the machine did not give this run its %d CPUs: while our "
                    + "reference solution ran in parallel only %.2f CPUs were busy on average, below the %.2f a "
                    + "speedup test needs (the host is busy). Nothing was judged. Measured: %s", cpus,
                    result.referenceBusyCpus(), threshold, result));
        }
        if (referenceSpeedup < threshold) {
            throw Inconclusive.because(String.format("our reference solution reached only %.2fx on these %d CPUs, "
                    + "below the %.2fx a speedup test needs, although %.2f CPUs were busy: the CPUs appear to share "
                    + "one physical core (SMT, two hyperthreads of one core) or the host is busy. Nothing was judged. "
                    + "Measured: %s", referenceSpeedup, cpus, threshold, result.referenceBusyCpus(), result));
        }
        String why = whyNot(result);
        if (why == null) {
            return result;
        }
        if (round < MIN_ROUNDS) {
            throw Inconclusive.because(String.format("the host is busy: in %d s of our reference solution's runs "
                    + "only %d rounds could be timed, too few to judge. Measured: %s", BUDGET_NANOS / 1_000_000_000L, round, result));
        }
        throw new AssertionError(String.format("%s was only %.2fx faster with %d threads than our reference solution "
                        + "with one thread, where the reference with %d threads reached %.2fx in the same rounds; at "
                        + "least %.0f%% of that (%.2fx) was expected. %s\nMeasured: %s\nCPU time per thread in one more "
                        + "run of yours: %s", what, result.speedup(), cpus, cpus, referenceSpeedup, KEEP_UP * 100,
                KEEP_UP * referenceSpeedup, why, result, runner.cpuPerThread(inputs.apply(WARM_UP + round))));
    }

    /** Null when the result passes; otherwise what the CPU figures say went wrong, in words a student can act on. */
    private static String whyNot(Result result) {
        // Relative to the reference's own figure, which is at least factor x CPUs once the run is conclusive.
        double busyEnough = 0.75 * result.referenceBusyCpus();
        if (result.cpuOfWork() < LEAST_WORK) {
            return String.format("Its fastest run used only %.2f times the CPU time the work takes on one thread, on "
                    + "threads this measurement saw start: the work must be done by the call itself, on threads it "
                    + "starts (not by threads kept from an earlier call, and not skipped).", result.cpuOfWork());
        }
        if (result.shareOfReference() >= KEEP_UP && result.busyCpus() >= busyEnough) {
            return null;
        }
        if (result.busyCpus() < busyEnough) {
            return String.format("While it ran \"in parallel\" only %.2f CPUs were busy on average: one thread did the "
                    + "work while the others waited. Look for threads started and joined one at a time, a lock held "
                    + "around the work itself, or all the work given to one thread.", result.busyCpus());
        }
        if (result.cpuOfWork() > 1.5) {
            return String.format("It used %.2f times the CPU time the work takes on one thread: the threads repeat "
                    + "work or fight over shared data (a contended lock or counter in the inner loop). Give each "
                    + "thread its own part and combine the results once at the end.", result.cpuOfWork());
        }
        return "The threads did run at the same time, but the work was split unevenly, so the slowest one decides "
                + "the time. Split into more, smaller pieces of equal cost (interleaving numbers with a step of `threads` is "
                + "uneven: with 2 threads one gets every even number).";
    }

    private static double speedup(Run oneThread, Run parallel) {
        return oneThread == null || parallel == null ? 0 : (double) oneThread.wallNanos() / parallel.wallNanos();
    }

    private static double share(Run referenceParallel, Run student) {
        return speedup(referenceParallel, student);
    }

    private static Run faster(Run best, Run run) {
        return best == null || run.wallNanos() < best.wallNanos() ? run : best;
    }

    /**
     * One timed call: wall time, the JVM's CPU time, the CPU time of all but the bystanders, and the CPU time of the
     * threads that were alive before the call (other than the caller), which the call itself cannot have started.
     */
    private record Run(long wallNanos, long cpuNanos, long ownCpuNanos, long othersCpuNanos, String others) {
    }

    /** Runs one round: the reference on one thread and on every CPU, and the student's code on every CPU. */
    private static final class Runner<I> {
        private final String what;
        private final Solution<I> student;
        private final Solution<I> reference;
        private final int cpus;
        private final Bystanders bystanders;
        long referenceNanos;

        Runner(String what, Solution<I> student, Solution<I> reference, int cpus, Bystanders bystanders) {
            this.what = what;
            this.student = student;
            this.reference = reference;
            this.cpus = cpus;
            this.bystanders = bystanders;
        }

        /** Reference one thread, reference parallel, student parallel, in an order that changes every round. */
        Run[] round(I input, int round) {
            Run[] runs = new Run[3];
            Object[] results = new Object[3];
            for (int which : ORDERS[round % ORDERS.length]) {
                Solution<I> solution = which == 2 ? student : reference;
                int threads = which == 0 ? 1 : cpus;
                long[] before = bystanders.cpu();
                Bystanders alive = Bystanders.allBut(Thread.currentThread());
                long[] aliveBefore = alive.cpu();
                long cpu = ProcessCpu.nanos();
                long wall = System.nanoTime();
                try {
                    results[which] = solution.run(input, threads);
                } catch (Exception e) {
                    if (which == 2) {
                        throw new AssertionError(what + " threw " + e + " with " + threads + " threads", e);
                    }
                    throw referenceDisturbed("failed (" + e + ")", e);
                }
                wall = System.nanoTime() - wall;
                cpu = ProcessCpu.nanos() - cpu;
                referenceNanos += which == 2 ? 0 : wall;
                long others = bystanders.cpuSince(before);
                runs[which] = new Run(wall, cpu, Math.max(0, cpu - others), alive.cpuSince(aliveBefore),
                        alive.busiest(aliveBefore));
            }
            if (!Objects.deepEquals(results[0], results[1])) {
                throw referenceDisturbed("gave different results with 1 and " + cpus + " threads", null);
            }
            if (!Objects.deepEquals(results[2], results[0])) {
                throw new AssertionError(String.format("%s returned a wrong result for %s with %d threads (it differs "
                        + "from the correct one): check how the work is split and how the parts are combined.", what,
                        input, cpus));
            }
            return runs;
        }

        private AssertionError referenceDisturbed(String how, Exception cause) {
            return new AssertionError("Our reference solution, run beside your code as the yardstick, " + how
                    + ". It passes on its own: your code disturbed it, e.g. by interrupting or changing threads or "
                    + "shared state it does not own, or by leaving work running after it returned.", cause);
        }

        /**
         * One more, untimed run of the student's code, during which a sampler reads the CPU time of every thread that
         * run starts (every 2 ms, keeping the last reading: a thread's final milliseconds may be missed), e.g.
         * "Thread-3 101 ms, Thread-4 99 ms" against "Thread-3 198 ms, Thread-4 2 ms".
         */
        String cpuPerThread(I input) {
            if (!THREADS.isThreadCpuTimeSupported()) {
                return "not measurable here";
            }
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            Map<Thread, Long> cpu = new ConcurrentHashMap<>();
            Thread caller = Thread.currentThread();
            AtomicBoolean stop = new AtomicBoolean();
            Thread sampler = Thread.ofPlatform().daemon().name("threadmark-cpu-sampler").start(() -> {
                while (!stop.get()) {
                    for (Thread thread : Thread.getAllStackTraces().keySet()) {
                        if (!before.contains(thread) && thread != Thread.currentThread()) {
                            long nanos = THREADS.getThreadCpuTime(thread.threadId());
                            if (nanos >= 0) {
                                cpu.merge(thread, nanos, Math::max);
                            }
                        }
                    }
                    LockSupport.parkNanos(2_000_000);
                }
            });
            long callerBefore = THREADS.getThreadCpuTime(caller.threadId());
            try {
                student.run(input, cpus);
            } catch (Exception e) {
                return "not measured (" + e + ")";
            } finally {
                stop.set(true);
            }
            long callerAfter = THREADS.getThreadCpuTime(caller.threadId());
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
    }

    /**
     * The threads that were alive when the measurement began, other than the caller and the JDK's own pools (whose
     * workers may run the student's tasks): the harness, and anything earlier calls left running. Their CPU time is
     * read before and after each run, so a run's own CPU time leaves them out.
     */
    private record Bystanders(long[] ids, String[] names) {
        static Bystanders now() {
            List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t != Thread.currentThread() && !ThreadCensus.isJdkHelper(t))
                    .toList();
            return new Bystanders(threads.stream().mapToLong(Thread::threadId).toArray(),
                    threads.stream().map(Thread::getName).toArray(String[]::new));
        }

        /** Every thread alive now but {@code caller}; cheap enough to take before every run (no stack walk). */
        static Bystanders allBut(Thread caller) {
            long[] ids = java.util.Arrays.stream(THREADS.getAllThreadIds()).filter(id -> id != caller.threadId())
                    .toArray();
            return new Bystanders(ids, null);
        }

        long[] cpu() {
            long[] nanos = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                nanos[i] = THREADS.getThreadCpuTime(ids[i]);
            }
            return nanos;
        }

        long cpuSince(long[] before) {
            long sum = 0;
            long[] now = cpu();
            for (int i = 0; i < ids.length; i++) {
                if (before[i] >= 0 && now[i] >= before[i]) {
                    sum += now[i] - before[i];
                }
            }
            return sum;
        }

        /** The bystanders that used at least 2 ms of CPU since {@code before}, for a message. */
        String busiest(long[] before) {
            long[] now = cpu();
            List<String> busy = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                if (before[i] >= 0 && now[i] - before[i] >= 2_000_000) {
                    busy.add(name(i) + " " + (now[i] - before[i]) / 1_000_000 + " ms");
                }
            }
            return busy.isEmpty() ? "none; the JVM itself (JIT compiler, garbage collector) or new threads"
                    : String.join(", ", busy);
        }

        private String name(int i) {
            if (names != null) {
                return names[i];
            }
            java.lang.management.ThreadInfo info = THREADS.getThreadInfo(ids[i]);
            return info == null ? "a thread that has ended" : info.getThreadName();
        }
    }
}
