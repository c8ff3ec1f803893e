import org.junit.jupiter.api.Test;
import threadmark.check.Liveness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

class AsyncBasicsTest {

    @Test
    void gathersCompletedFuturesInOrder() throws Exception {
        List<CompletableFuture<String>> pages = List.of(CompletableFuture.completedFuture("page a"),
                CompletableFuture.completedFuture("page b"), CompletableFuture.completedFuture("page c"));
        CompletableFuture<List<String>> all = Liveness.callWithin("gather(3 completed futures)", Duration.ofSeconds(5),
                () -> Async.gather(pages));
        assertNotNull(all, "gather must return a future, not null");
        try {
            assertEquals(List.of("page a", "page b", "page c"), all.get(2, TimeUnit.SECONDS),
                    "gather must complete with every result, in the order of the list");
        } catch (TimeoutException e) {
            fail("gather(3 futures that were already complete) returned a future that was still not complete 2 s "
                    + "later: complete it once every input future has completed.");
        }
    }

    @Test
    void emptyListGivesACompletedEmptyList() throws Exception {
        CompletableFuture<List<String>> all = Liveness.callWithin("gather(an empty list)", Duration.ofSeconds(5),
                () -> Async.gather(new ArrayList<>()));
        assertNotNull(all, "gather must return a future, not null");
        if (!all.isDone()) {
            fail("gather(an empty list) returned a future that is not complete. With nothing to wait for, the "
                    + "result is known at once: an already completed empty list.");
        }
        assertEquals(List.of(), all.get(2, TimeUnit.SECONDS), "gather(an empty list) must complete with an empty list");
    }

    @Test
    void runAllReturnsEveryResult() throws Exception {
        // This executor runs each job at once, on the thread that hands it over: the simplest executor there is.
        Executor runAtOnce = Runnable::run;
        List<Supplier<String>> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int job = i;
            jobs.add(() -> "result " + job);
        }
        CompletableFuture<List<String>> all = Liveness.callWithin("runAll(4 quick jobs)", Duration.ofSeconds(5),
                () -> Async.runAll(jobs, runAtOnce));
        assertNotNull(all, "runAll must return a future, not null");
        try {
            assertEquals(List.of("result 0", "result 1", "result 2", "result 3"), all.get(5, TimeUnit.SECONDS),
                    "runAll must complete with every job's result, in the order of the jobs");
        } catch (TimeoutException e) {
            fail("runAll(4 quick jobs) returned a future that was still not complete 5 s later: start every job on "
                    + "the executor and complete the result when all are done.");
        }
    }
}
