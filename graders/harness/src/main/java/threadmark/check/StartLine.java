package threadmark.check;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * Releases a group of threads at the same instant. A {@link CyclicBarrier} lets its threads go one by one (each
 * re-takes the barrier's lock), which spreads them over tens of microseconds: enough to miss a narrow
 * check-then-act window every time. Here the last thread to arrive sets a start instant a little in the future and
 * every thread spins towards it, so they start within nanoseconds of each other. Reusable, round after round.
 <p>
 * Example: two threads start their steps at the same moment, so that their critical sections overlap:
 * <pre>{@code
 * StartLine start = new StartLine(2);
 * Runnable task = () -> { start.arriveAndGo(); counter.increment(); };
 * }</pre>
 */
public final class StartLine {

    private static final long LEAD_NANOS = 300_000;

    private final CyclicBarrier barrier;
    private volatile long startAt;

    /** A line for {@code parties} threads: none goes before all have arrived. */
    public StartLine(int parties) {
        this.barrier = new CyclicBarrier(parties, () -> startAt = System.nanoTime() + LEAD_NANOS);
    }

    /** Waits for every party, then returns at the common start instant. */
    public void arriveAndGo() {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the start line", e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("another thread left the start line", e);
        }
        long at = startAt;
        while (System.nanoTime() < at) {
            Thread.onSpinWait();
        }
    }
}
