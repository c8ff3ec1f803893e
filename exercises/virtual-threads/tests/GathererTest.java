import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

// The 10,000-task test runs last: a thread-per-task solution exhausts the sandbox's threads there, and the
// precise feedback of the other tests must come first.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GathererTest {

    private static List<Callable<Long>> sleepers(int count, long millis) {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(() -> {
                Thread.sleep(millis);
                return 1L;
            });
        }
        return tasks;
    }

    @Test
    @Order(2)
    void exceptionReachesTheCaller() {
        List<Callable<Long>> tasks = new ArrayList<>(sleepers(20, 10));
        tasks.add(() -> {
            throw new IllegalStateException("task 21 failed on purpose");
        });
        try {
            long sum = Gatherer.sumAll(tasks);
            fail("task 21 threw IllegalStateException, but sumAll returned " + sum + ". A failing task must not be "
                    + "ignored: let the ExecutionException from Future.get() propagate (sumAll may throw Exception).");
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalStateException && "task 21 failed on purpose".equals(cause.getMessage())) {
                    return;
                }
            }
            fail("sumAll threw " + e + ", but not the task's IllegalStateException (nor wrapping it as a cause)");
        }
    }

    @Test
    @Order(3)
    void tenThousandBlockingTasksWaitAtTheSameTime() throws Exception {
        // Each task blocks until all 10,000 are blocked (or 10 s have passed): a verdict on how many waits overlap,
        // not on wall time, which a busy machine stretches.
        int count = 10_000;
        CountDownLatch allWaiting = new CountDownLatch(count);
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(() -> {
                peak.accumulateAndGet(waiting.incrementAndGet(), Math::max);
                try {
                    allWaiting.countDown();
                    allWaiting.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } finally {
                    waiting.decrementAndGet();
                }
                return 1L;
            });
        }
        long sum = Gatherer.sumAll(tasks);
        if (peak.get() < count) {
            fail("at most " + peak.get() + " of 10,000 blocking tasks were waiting at the same time (each waited up to "
                    + "10 s for all the others). Blocking calls that all wait at once take as long as one wait (10,000 "
                    + "tasks of 200 ms: about 0.2 s); a pool of N threads runs only N waits at once (40 s with 50). "
                    + "Start a virtual thread per task.");
        }
        assertEquals(10_000, sum, "every task returns 1");
    }

    @Test
    @Order(1)
    void noPlatformThreadPerTask() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // ThreadMXBean counts platform threads only; virtual threads run on a few carrier threads.
        long before = threads.getTotalStartedThreadCount();
        long sum = Gatherer.sumAll(sleepers(150, 100));
        long started = threads.getTotalStartedThreadCount() - before;
        assertEquals(150, sum, "every task returns 1");
        if (started > 20) {
            fail("sumAll started " + started + " platform threads for 150 blocking tasks. Each platform thread is an "
                    + "OS thread with its own stack; use virtual threads (Executors.newVirtualThreadPerTaskExecutor()).");
        }
    }
}
