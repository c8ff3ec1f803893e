package threadmark.check;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the threads of one {@link Contention} trial did: when each was at work, how many steps it made, and how long
 * the host kept it waiting for a CPU meanwhile. A thread blocked in a lock counts as present (it is contending); a
 * thread that was runnable but got no CPU does not.
 */
final class Presence {
    /** Where a thread started: its clock and the kernel's figures (null where the kernel gives none). */
    record Mark(long startNanos, Schedstat schedstat) {
    }

    private final long[] startNanos;
    private final long[] endNanos;
    private final long[] presentNanos;
    private final AtomicLong steps = new AtomicLong();
    private volatile boolean kernelFigures = true;

    Presence(int threads) {
        startNanos = new long[threads];
        endNanos = new long[threads];
        presentNanos = new long[threads];
    }

    Mark begin() {
        Schedstat schedstat = Schedstat.ofCurrentThread();
        return new Mark(System.nanoTime(), schedstat);
    }

    void end(int thread, Mark mark, long stepsMade) {
        long end = System.nanoTime();
        Schedstat now = Schedstat.ofCurrentThread();
        long waited = 0;
        if (mark.schedstat() == null || now == null) {
            kernelFigures = false;
        } else {
            waited = Math.max(0, now.waitingNanos() - mark.schedstat().waitingNanos());
        }
        record(thread, mark.startNanos(), end, waited);
        steps.addAndGet(stepsMade);
    }

    /** Thread {@code thread} was at work from {@code start} to {@code end}, of which it waited {@code waited} for a CPU. */
    synchronized void record(int thread, long start, long end, long waited) {
        startNanos[thread] = start;
        endNanos[thread] = end;
        presentNanos[thread] = Math.max(0, end - start - waited);
    }

    long stepsMade() {
        return steps.get();
    }

    boolean kernelFigures() {
        return kernelFigures;
    }

    int threads() {
        return startNanos.length;
    }

    /**
     * A lower bound of the time during which at least two of the threads were at work at once, when the JVM stopped
     * them all for {@code pausedNanos} (garbage collection) meanwhile: a stopped thread sleeps, which the kernel
     * cannot tell from waiting in a lock, so the pause counts for no thread and not in the window either. With {@code n} threads present for {@code p1..pn} within a window
     * {@code w}, at most one is present alone at any instant beyond {@code w}, so {@code (sum - w) / (n - 1)} of the
     * time had two or more.
     */
    synchronized long sideBySideNanos(long pausedNanos) {
        int n = threads();
        if (n < 2) {
            return 0;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long sum = 0;
        for (int t = 0; t < n; t++) {
            first = Math.min(first, startNanos[t]);
            last = Math.max(last, endNanos[t]);
            sum += Math.max(0, presentNanos[t] - pausedNanos);
        }
        long window = Math.max(0, last - first - pausedNanos);
        return Math.max(0, sum - window) / (n - 1);
    }
}
