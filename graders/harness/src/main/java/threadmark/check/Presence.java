package threadmark.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the threads of one {@link Contention} trial did: how many steps they made, and how long they were seen
 * stepping at the same time. Each thread beats after every batch of steps; a batch counts as side by side when
 * another thread beat while it ran. A short batch counts whole; of a long one only the time the thread was blocked
 * in a lock or waiting (the JVM's figure: a thread blocked in the student's lock is contending), since the rest of a
 * long batch is a thread the host kept off the CPU or the JVM stopped at a safepoint, not one that was stepping.
 * <p>
 * The threads see it themselves because the kernel's figures could not tell it: under load, a thread counted as
 * present whenever it was not waiting for a CPU looked side by side while it stood at a safepoint, and a bound from
 * each thread's CPU time is near zero once a container gets less than one CPU, though its threads still meet on two
 * (a lock-per-call counter loses tens of thousands of updates in a trial where they do).
 */
final class Presence {
    /** The longest batch that counts: a thread that took longer was not stepping all the while. */
    static final long FRESH_NANOS = 200_000;
    /** Longs per thread's slot, so that one thread's beats do not evict another's (128 bytes). */
    private static final int STRIDE = 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean LOCK_TIMES = enableLockTimes();

    private final int threads;
    private final AtomicLongArray beats;
    private final long[] together;
    private final long[] inLock;
    private final AtomicLong steps = new AtomicLong();

    Presence(int threads) {
        this.threads = threads;
        this.beats = new AtomicLongArray(threads * STRIDE);
        this.together = new long[threads * STRIDE];
        this.inLock = new long[threads * STRIDE];
        for (int t = 0; t < threads; t++) {
            beats.set(t * STRIDE, Long.MIN_VALUE);
        }
    }

    /** Thread {@code thread} is about to step, at {@code now}. */
    void start(int thread, long now) {
        inLock[thread * STRIDE] = inLockNanos();
        beats.setRelease(thread * STRIDE, now);
    }

    /**
     * Thread {@code thread} made a batch of steps from {@code last} to {@code now}: side by side if another thread beat
     * meanwhile, whole when short, else only its time blocked in a lock. Only the thread itself writes its slots.
     */
    void beat(int thread, long last, long now) {
        beats.setRelease(thread * STRIDE, now);
        long batch = now - last;
        boolean seen = false;
        for (int other = 0; other < threads && !seen; other++) {
            seen = other != thread && beats.getAcquire(other * STRIDE) >= last;
        }
        if (batch <= FRESH_NANOS) {
            together[thread * STRIDE] += seen ? batch : 0;
            return;
        }
        long lockNow = inLockNanos();
        long blocked = lockNow - inLock[thread * STRIDE];
        inLock[thread * STRIDE] = lockNow;
        together[thread * STRIDE] += seen ? Math.min(batch, Math.max(0, blocked)) : 0;
    }

    /** Thread {@code thread} ended after {@code stepsMade} steps (read after the threads were joined). */
    void end(int thread, long stepsMade) {
        steps.addAndGet(stepsMade);
    }

    long stepsMade() {
        return steps.get();
    }

    /**
     * How long the threads were seen stepping side by side, on {@code cpus} CPUs: the time each spent stepping while
     * another did, over how many can step at once. A quiet host shows about the trial's length; one CPU, none.
     */
    long sideBySideNanos(int cpus) {
        long sum = 0;
        for (int t = 0; t < threads; t++) {
            sum += together[t * STRIDE];
        }
        return sum / Math.max(2, Math.min(threads, cpus));
    }

    /**
     * How long the calling thread has been blocked entering a monitor or waiting (park, wait), or 0 if the JVM does
     * not say. Milliseconds, so a single batch's figure is coarse; over a trial's many batches it evens out.
     */
    private static long inLockNanos() {
        if (!LOCK_TIMES) {
            return 0;
        }
        ThreadInfo info = THREADS.getThreadInfo(Thread.currentThread().threadId());
        return info == null ? 0
                : TimeUnit.MILLISECONDS.toNanos(Math.max(0, info.getBlockedTime()) + Math.max(0, info.getWaitedTime()));
    }

    private static boolean enableLockTimes() {
        if (!THREADS.isThreadContentionMonitoringSupported()) {
            return false;
        }
        THREADS.setThreadContentionMonitoringEnabled(true);
        return true;
    }
}
