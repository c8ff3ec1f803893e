import org.junit.jupiter.api.Test;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntToLongFunction;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

class SplitterBasicsTest {

    /** The value summed for i: i*i + 1. */
    private static long value(int i) {
        return (long) i * i + 1;
    }

    /**
     * Calls sumInParallel(n, threads, f) with an f that works about 2 ms per call (like real work would), and
     * checks the sum. When it is wrong, says why: calls still running at the return, numbers never summed or
     * summed twice, or partial sums combined badly.
     */
    private static void checkSum(int n, int threads) {
        AtomicIntegerArray calls = new AtomicIntegerArray(n);
        AtomicInteger finished = new AtomicInteger();
        IntToLongFunction f = i -> {
            calls.incrementAndGet(i);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
            return value(i);
        };
        ThreadCensus census = ThreadCensus.take();
        int[] finishedAtReturn = new int[1];
        long result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long sum = Splitter.sumInParallel(n, threads, f);
            finishedAtReturn[0] = finished.get();
            return sum;
        }, () -> "sumInParallel(" + n + ", " + threads + ", f) did not return within 10 s (each call of f takes "
                + "about 2 ms): a thread never ends, or a join() waits for a thread that was never started.");
        // Wait for any thread still running after the return (a missing join), so that all its calls are counted.
        census.leftRunning(Duration.ofSeconds(5));
        long expected = 0;
        for (int i = 0; i < n; i++) {
            expected += value(i);
        }
        if (finishedAtReturn[0] < finished.get()) {
            fail(String.format("sumInParallel(%d, %d, f) returned %,d (expected %,d) when only %d of its %d calls of "
                            + "f had finished: it did not wait for its threads. join() every thread before adding up "
                            + "the partial sums.", n, threads, result, expected, finishedAtReturn[0], finished.get()));
        }
        List<Integer> never = new ArrayList<>();
        List<Integer> twice = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (calls.get(i) == 0) {
                never.add(i);
            } else if (calls.get(i) > 1) {
                twice.add(i);
            }
        }
        if (!never.isEmpty()) {
            fail(String.format("sumInParallel(%d, %d, f) returned %,d (expected %,d): f was never called for i = %s. "
                            + "The parts must cover all of [0, n), including the last n %% threads = %d numbers.",
                    n, threads, result, expected, never, n % threads));
        }
        if (!twice.isEmpty()) {
            fail(String.format("sumInParallel(%d, %d, f) called f more than once for i = %s: the parts overlap. "
                    + "Each number belongs to exactly one part.", n, threads, twice));
        }
        if (result != expected) {
            fail(String.format("sumInParallel(%d, %d, f) returned %,d instead of %,d although f was called exactly "
                            + "once for every i and every call had finished: the partial sums were combined wrongly. "
                            + "When threads add to one shared variable without synchronization, updates are lost. "
                            + "Let each thread keep its own partial sum (for example in its own array slot) and add "
                            + "them up after join().", n, threads, result, expected));
        }
    }

    @Test
    void sumsWhenThreadsDivideN() {
        checkSum(100, 4);
    }

    @Test
    void sumsWhenThreadsDoNotDivideN() {
        checkSum(103, 4);
    }
}
