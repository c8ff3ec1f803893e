package threadmark.check;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.locks.LockSupport;

/**
 * Catches busy waiting: threads that keep running while they should be blocked. The test arranges for the
 * student's code to have nothing to do for most of the call (a slow source, a gate that opens late). Every 2 ms the
 * run's one sampler thread counts how many of the student's threads are RUNNABLE: a thread blocked in wait(), park(), sleep() or a
 * lock is not, a spinning one always is, even when the machine is so busy that the OS rarely lets it run. That
 * makes the verdict independent of load, unlike CPU time, which a loaded machine hands out sparingly (CPU time is
 * still reported, as evidence the student can relate to).
 <p>
 * Example: a consumer waiting for a slow producer must sleep, not spin ({@code while (queue.isEmpty()) {}} fails
 * with the CPU it burnt while there was nothing to do):
 * <pre>{@code
 * BusyWait.assertIdleWhile("for a slow producer", 0.3, () -> Pipeline.process(slowSource, 4, 9, work));
 * }</pre>
 */
public final class BusyWait {

    private static final long SAMPLE_NANOS = 2_000_000;
    private static final long IDLE_NANOS = 1_000_000_000;
    private static final long DISCOVER_NANOS = 20_000_000;
    /** CPU the JVM's own threads (JIT, GC, the sampler) may use while the student's threads wait, in CPUs. */
    private static final double IDLE_CPU_SHARE = 0.2;
    /**
     * One sampler for the whole run, started before student code runs (see {@link #startSampler()}): whether a
     * measurement is under way shows neither in which threads exist nor in the sampler's stack or state, so student
     * code cannot behave differently while it is measured.
     */
    private static final Sampler SAMPLER = new Sampler();
    private static volatile Thread samplerThread;

    /**
     * What one measured call cost: wall time, CPU time of the whole JVM, threads running on average, and how many
     * samples that average rests on.
     */
    public record Usage(long cpuMillis, long wallMillis, double runnableThreads, long samples) {
        /** CPU time as a share of wall time: 1.0 means one core busy the whole time. */
        public double cpuShare() {
            return wallMillis == 0 ? 0 : (double) cpuMillis / wallMillis;
        }

        /**
         * Whether the average rests on enough samples: a quarter of those due every 2 ms, and at least one. A host
         * that keeps the sampler off the CPU must not leave a spin unseen (no samples used to average 0).
         */
        public boolean sampledEnough() {
            return samples >= minSamples(wallMillis);
        }

        static long minSamples(long wallMillis) {
            return Math.max(1, wallMillis * 1_000_000 / SAMPLE_NANOS / 4);
        }
    }

    private BusyWait() {
    }

    /**
     * Starts the run's one sampler thread if it is not running yet. The harness calls this before any student class
     * is loaded; a measurement calls it too, for use outside the harness.
     */
    public static synchronized void startSampler() {
        if (samplerThread == null) {
            samplerThread = Thread.ofPlatform().daemon().name("threadmark-sampler").start(SAMPLER);
            // Returns once it sleeps where it always sleeps: a thread that has not run yet would look different.
            while (samplerThread.getState() != Thread.State.TIMED_WAITING) {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /** Whether {@code thread} is the sampler, which no census of the student's threads should count. */
    static boolean isSampler(Thread thread) {
        return thread != null && thread == samplerThread;
    }

    /**
     * Starts watching the calling thread and every thread started from now on, until {@link Window#stop()}. Unlike
     * {@link #measure}, the student's code is then called by the test itself, so no frame of this class is on its
     * stack: prefer it where a solution might look for one.
     */
    public static Window watch() {
        startSampler();
        Window window = new Window(Thread.currentThread(), Thread.getAllStackTraces().keySet());
        SAMPLER.open(window);
        return window;
    }

    /** Runs {@code action} on this thread and measures what it and the threads it starts do meanwhile. */
    public static Usage measure(Callable<?> action) throws Exception {
        Window window = watch();
        try {
            action.call();
        } finally {
            window.stop();
        }
        return window.usage();
    }

    /**
     * Runs {@code action}, during which the student's threads should mostly be blocked, and fails if more than
     * {@code maxRunnableThreads} of them were running (or ready to run) on average. A spinning thread counts about
     * 1.0 on its own; blocked code stays well under 0.1, so 0.3 is a safe limit. {@code waitingFor} says what the
     * threads were waiting for, in the student's terms.
     */
    public static void assertIdleWhile(String waitingFor, double maxRunnableThreads, Callable<?> action) throws Exception {
        assertIdle(waitingFor, maxRunnableThreads, measure(action));
    }

    static void assertIdle(String waitingFor, double maxRunnableThreads, Usage usage) {
        if (!usage.sampledEnough()) {
            // Too few looks to average: the process's CPU time still tells a spin (it used the CPU it got) from a
            // sampler the host kept waiting while the student's threads slept.
            if (usage.cpuShare() > maxRunnableThreads + IDLE_CPU_SHARE) {
                throw spinning(waitingFor, usage, String.format(Locale.ROOT, "used %.1f CPUs on average",
                        usage.cpuShare()));
            }
            throw Inconclusive.because(String.format(Locale.ROOT, "the machine was too busy to watch your threads"
                    + " while they waited %s: %d looks in %,d ms, and at least %d are needed", waitingFor,
                    usage.samples(), usage.wallMillis(), Usage.minSamples(usage.wallMillis())));
        }
        if (usage.runnableThreads() > maxRunnableThreads) {
            throw spinning(waitingFor, usage, String.format(Locale.ROOT, "%.1f of them kept running on average",
                    usage.runnableThreads()));
        }
    }

    private static AssertionError spinning(String waitingFor, Usage usage, String evidence) {
        return new AssertionError(String.format(Locale.ROOT, "While the threads waited %s (%,d ms), %s and the"
                        + " program used %,d ms of CPU: a thread spins while it waits (busy waiting). Block instead:"
                        + " wait()/notifyAll(), a Condition, a BlockingQueue, a CountDownLatch or a Semaphore wait"
                        + " without using the CPU.", waitingFor, usage.wallMillis(), evidence, usage.cpuMillis()));
    }

    /** One measurement: the threads it watches and how many of them were RUNNABLE at each sample. */
    public static final class Window {
        private final Thread caller;
        private final Set<Thread> before;
        private final Set<Thread> watched = new HashSet<>();
        private final long cpuBefore = ProcessCpu.nanos();
        private final long wallBefore = System.nanoTime();
        private long nextDiscovery;
        private long samples;
        private long runnable;
        private Usage usage;

        private Window(Thread caller, Set<Thread> before) {
            this.caller = caller;
            this.before = before;
        }

        /** Ends the measurement; later calls return the same usage. */
        public synchronized Usage stop() {
            if (usage == null) {
                SAMPLER.close(this);
                long cpu = (ProcessCpu.nanos() - cpuBefore) / 1_000_000;
                long wall = (System.nanoTime() - wallBefore) / 1_000_000;
                usage = new Usage(cpu, wall, samples == 0 ? 0 : (double) runnable / samples, samples);
            }
            return usage;
        }

        synchronized Usage usage() {
            return stop();
        }

        /** Ends the measurement and fails as {@link #assertIdleWhile} does. */
        public void assertIdle(String waitingFor, double maxRunnableThreads) {
            BusyWait.assertIdle(waitingFor, maxRunnableThreads, stop());
        }

        /** Counts the RUNNABLE threads among the caller, the threads started since, and pool and carrier threads. */
        private synchronized void sample(long now) {
            if (usage != null) {
                return;
            }
            if (now >= nextDiscovery) {
                discover();
                nextDiscovery = now + DISCOVER_NANOS;
            }
            int running = 0;
            for (Thread thread : watched) {
                if (thread.getState() == Thread.State.RUNNABLE) {
                    running++;
                }
            }
            samples++;
            runnable += running;
        }

        private void discover() {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread == samplerThread) {
                    continue;
                }
                boolean started = !before.contains(thread);
                boolean pool = thread instanceof ForkJoinWorkerThread
                        || thread.getClass().getName().equals("jdk.internal.misc.CarrierThread");
                if (thread == caller || pool || (started && !ThreadCensus.isJdkHelper(thread))) {
                    watched.add(thread);
                }
            }
        }
    }

    /**
     * Samples every open window each 2 ms, and otherwise sleeps at the same call, so its stack and state are the
     * same whether or not anything is measured.
     */
    private static final class Sampler implements Runnable {
        private final Set<Window> open = ConcurrentHashMap.newKeySet();

        void open(Window window) {
            open.add(window);
            LockSupport.unpark(samplerThread);
        }

        void close(Window window) {
            open.remove(window);
        }

        @Override
        public void run() {
            while (true) {
                long now = System.nanoTime();
                for (Window window : open) {
                    window.sample(now);
                }
                LockSupport.parkNanos(open.isEmpty() ? IDLE_NANOS : SAMPLE_NANOS);
            }
        }
    }
}
