import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
    void tenThousandBlockingTasksFinishFast() {
        long sum = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Gatherer.sumAll(sleepers(10_000, 200)),
                "10,000 tasks that each block for 200 ms did not finish within 2 s. If they all waited at the same "
                        + "time it would take about 0.2 s: a pool of N threads runs only N waits at once. "
                        + "Start a virtual thread per task.");
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
