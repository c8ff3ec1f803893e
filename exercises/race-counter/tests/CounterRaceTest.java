import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class CounterRaceTest {

    private static final int THREADS = 4;
    private static final int TRIALS = 60;
    private static final long TRIAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * Barrier-aligned, time-bounded hammering: every trial starts all threads at the same instant and lets
     * them increment for a few milliseconds. Stops at the first lost update.
     */
    @Test
    void noLostUpdatesUnderContention() throws Exception {
        for (int trial = 1; trial <= TRIALS; trial++) {
            Counter counter = new Counter();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            AtomicLong made = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    long mine = 0;
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    long end = System.nanoTime() + TRIAL_NANOS;
                    while (System.nanoTime() < end) {
                        for (int i = 0; i < 100; i++) {
                            counter.increment();
                        }
                        mine += 100;
                    }
                    made.addAndGet(mine);
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long lost = made.get() - counter.get();
            if (lost != 0) {
                fail(String.format("%,d of %,d increments were lost in trial %d of %d: two threads read the same "
                        + "value and both wrote value + 1. Make increment() atomic: synchronized, one shared lock, "
                        + "or AtomicLong.incrementAndGet().", lost, made.get(), trial, TRIALS));
            }
        }
    }

    @Test
    void exactCountFromManyThreads() throws Exception {
        Counter counter = new Counter();
        int perThread = 100_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    counter.increment();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(8L * perThread, counter.get(),
                "8 threads made " + 8 * perThread + " increments in total; the difference was lost to a race");
    }
}
