package threadmark.check;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.locks.LockSupport;

/**
 * Catches busy waiting: threads that keep running while they should be blocked. The test arranges for the
 * student's code to have nothing to do for most of the call (a slow source, a gate that opens late). Every 2 ms a
 * sampler counts how many of the student's threads are RUNNABLE: a thread blocked in wait(), park(), sleep() or a
 * lock is not, a spinning one always is, even when the machine is so busy that the OS rarely lets it run. That
 * makes the verdict independent of load, unlike CPU time, which a loaded machine hands out sparingly (CPU time is
 * still reported, as evidence the student can relate to).
 */
public final class BusyWait {

    private static final long SAMPLE_NANOS = 2_000_000;
    private static final long DISCOVER_NANOS = 20_000_000;

    /** What one measured call cost: wall time, CPU time of the whole JVM, and threads running on average. */
    public record Usage(long cpuMillis, long wallMillis, double runnableThreads) {
        /** CPU time as a share of wall time: 1.0 means one core busy the whole time. */
        public double cpuShare() {
            return wallMillis == 0 ? 0 : (double) cpuMillis / wallMillis;
        }
    }

    private BusyWait() {
    }

    /** Runs {@code action} on this thread and measures what it and the threads it starts do meanwhile. */
    public static Usage measure(Callable<?> action) throws Exception {
        Thread caller = Thread.currentThread();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Sampler sampler = new Sampler(caller, before);
        Thread samplerThread = Thread.ofPlatform().daemon().name("threadmark-busy-wait-sampler").start(sampler);
        long cpuBefore = ProcessCpu.nanos();
        long wallBefore = System.nanoTime();
        try {
            action.call();
        } finally {
            sampler.stop = true;
            samplerThread.join();
        }
        long cpu = (ProcessCpu.nanos() - cpuBefore) / 1_000_000;
        long wall = (System.nanoTime() - wallBefore) / 1_000_000;
        return new Usage(cpu, wall, sampler.average());
    }

    /**
     * Runs {@code action}, during which the student's threads should mostly be blocked, and fails if more than
     * {@code maxRunnableThreads} of them were running (or ready to run) on average. A spinning thread counts about
     * 1.0 on its own; blocked code stays well under 0.1, so 0.3 is a safe limit. {@code waitingFor} says what the
     * threads were waiting for, in the student's terms.
     */
    public static void assertIdleWhile(String waitingFor, double maxRunnableThreads, Callable<?> action) throws Exception {
        Usage usage = measure(action);
        if (usage.runnableThreads() > maxRunnableThreads) {
            throw new AssertionError(String.format("While the threads waited %s (%,d ms), %.1f of them kept running "
                            + "on average and the program used %,d ms of CPU: a thread spins while it waits (busy "
                            + "waiting). Block instead: wait()/notifyAll(), a Condition, a BlockingQueue, a "
                            + "CountDownLatch or a Semaphore wait without using the CPU.",
                    waitingFor, usage.wallMillis(), usage.runnableThreads(), usage.cpuMillis()));
        }
    }

    /** Counts the RUNNABLE threads among the caller, the threads started since, and pool and carrier threads. */
    private static final class Sampler implements Runnable {
        private final Thread caller;
        private final Set<Thread> before;
        private final Set<Thread> watched = new HashSet<>();
        private volatile boolean stop;
        private long samples;
        private long runnable;

        Sampler(Thread caller, Set<Thread> before) {
            this.caller = caller;
            this.before = before;
        }

        @Override
        public void run() {
            long nextDiscovery = 0;
            while (!stop) {
                long now = System.nanoTime();
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
                synchronized (this) {
                    samples++;
                    runnable += running;
                }
                LockSupport.parkNanos(SAMPLE_NANOS);
            }
        }

        private void discover() {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread == Thread.currentThread()) {
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

        synchronized double average() {
            return samples == 0 ? 0 : (double) runnable / samples;
        }
    }
}
