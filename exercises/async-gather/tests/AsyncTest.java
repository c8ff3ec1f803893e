import org.junit.jupiter.api.Test;
import threadmark.check.CallRecorder;
import threadmark.check.Liveness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

class AsyncTest {

    /** An executor owned by the test: a new daemon thread per job, named test-executor-N, all remembered. */
    static final class ThreadPerJobExecutor implements Executor {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger submitted = new AtomicInteger();

        @Override
        public void execute(Runnable job) {
            Thread thread = new Thread(job, "test-executor-" + submitted.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private static List<CompletableFuture<String>> pending(int count) {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(new CompletableFuture<>());
        }
        return futures;
    }

    /** Lets a gather that blocked on these futures finish, so no thread is left waiting after the test. */
    private static void release(List<CompletableFuture<String>> futures) {
        futures.forEach(future -> future.complete("released by the test"));
    }

    /**
     * Calls gather on another thread and fails, saying why, if it has not returned within 5 s. No future completes
     * before gather returns, so a gather that waits for them never returns: the limit only has to outlast a busy host.
     */
    private static CompletableFuture<List<String>> gatherAtOnce(List<CompletableFuture<String>> futures,
                                                                String situation) throws Exception {
        CompletableFuture<List<String>> all;
        try {
            all = Liveness.callWithin("gather", Duration.ofSeconds(5), () -> Async.gather(futures));
        } catch (AssertionError stuck) {
            fail("gather did not return within 5 s while " + situation + ": it waits for the futures (join() or "
                    + "get()) and blocks the caller, like calling a coroutine's result synchronously. Return a new "
                    + "future at once and complete it from callbacks (thenApply, whenComplete, allOf...). "
                    + whereStuck(stuck));
            return null;
        }
        assertNotNull(all, "gather must return a future, not null");
        return all;
    }

    @Test
    void gatherReturnsAtOnce() throws Exception {
        List<CompletableFuture<String>> pages = pending(3);
        try {
            CompletableFuture<List<String>> all = gatherAtOnce(pages, "none of its 3 futures was complete");
            if (all.isDone()) {
                fail("gather returned a future that was already done although none of its 3 futures had completed: "
                        + "the result can only complete after them.");
            }
            for (int i = 0; i < 3; i++) {
                pages.get(i).complete("page " + i);
            }
            try {
                assertEquals(List.of("page 0", "page 1", "page 2"), all.get(2, TimeUnit.SECONDS),
                        "once its futures complete, gather's future must complete with their results in order");
            } catch (TimeoutException e) {
                fail("2 s after all 3 futures completed, gather's future was still not complete: complete it when the "
                        + "last input future completes.");
            }
        } finally {
            release(pages);
        }
    }

    @Test
    void resultsFollowTheListNotTheCompletionOrder() throws Exception {
        List<CompletableFuture<String>> pages = pending(5);
        try {
            CompletableFuture<List<String>> all = gatherAtOnce(pages, "none of its 5 futures was complete");
            for (int i = 4; i >= 0; i--) {
                pages.get(i).complete("page " + i);
            }
            List<String> results;
            try {
                results = all.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("2 s after all 5 futures completed, gather's future was still not complete: complete it when the "
                        + "last input future completes.");
                return;
            }
            List<String> expected = List.of("page 0", "page 1", "page 2", "page 3", "page 4");
            if (!expected.equals(results)) {
                fail("the 5 futures completed last to first and gather gave " + results + " instead of " + expected
                        + ": the results must follow the order of the list (as asyncio.gather does), not the order "
                        + "in which the futures completed. When all are done, read each future's value by position.");
            }
        } finally {
            release(pages);
        }
    }

    @Test
    void failsAsSoonAsOneFutureFails() throws Exception {
        List<CompletableFuture<String>> pages = pending(3);
        try {
            pages.get(1).complete("page 1");
            CompletableFuture<List<String>> all = gatherAtOnce(pages, "2 of its 3 futures were not complete");
            IOException failure = new IOException("download 2 failed");
            pages.get(2).completeExceptionally(failure);
            // pages.get(0) is never completed during the test: a slow download.
            try {
                // Future 0 never completes: a gather that waits for every future never fails, so 5 s only has to
                // outlast a busy host.
                List<String> results = all.get(5, TimeUnit.SECONDS);
                fail("future 2 failed with " + failure + ", yet gather completed normally with " + results
                        + ": a failure must fail the gathered future.");
            } catch (TimeoutException e) {
                fail("future 2 failed with " + failure + " while future 0 was still running, and 5 s later gather's "
                        + "future had still not failed. It must fail as soon as any future fails, not after the others "
                        + "finish: allOf(...) waits for every future, failed or not. Also watch each future "
                        + "(whenComplete / exceptionally) and fail the result with the first failure.");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                if (cause != failure) {
                    fail("future 2 failed with " + failure + ", but gather's future failed with " + e.getCause()
                            + ": fail it with the future's own failure (completeExceptionally(error)).");
                }
            }
        } finally {
            release(pages);
        }
    }

    private static List<Supplier<String>> jobs(CallRecorder<Integer, String> work, int count) {
        List<Supplier<String>> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int job = i;
            jobs.add(() -> work.apply(job));
        }
        return jobs;
    }

    /** Calls runAll on another thread (its name is put in {@code caller}) and waits up to 5 s for the result. */
    private static List<String> runAll(List<Supplier<String>> jobs, Executor executor, AtomicReference<Thread> caller)
            throws Exception {
        CompletableFuture<List<String>> all = Liveness.callWithin("runAll", Duration.ofSeconds(5), () -> {
            caller.set(Thread.currentThread());
            return Async.runAll(jobs, executor);
        });
        assertNotNull(all, "runAll must return a future, not null");
        try {
            return all.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("runAll(" + jobs.size() + " jobs) returned a future that was still not complete 5 s later, though "
                    + "each job takes at most 0.3 s: start every job on the executor and complete the result when "
                    + "all are done.");
            return null;
        }
    }

    /** The order of runAll's results is checked elsewhere; these tests look at how the jobs ran. */
    private static List<String> sorted(List<String> results) {
        return results == null ? null : results.stream().sorted().toList();
    }

    @Test
    void runAllStartsEveryJobAtOnce() throws Exception {
        ThreadPerJobExecutor executor = new ThreadPerJobExecutor();
        // Each job waits (up to 2 s in all) until all 4 have started, so jobs started at once overlap however slowly
        // a busy machine starts their threads.
        CountDownLatch allStarted = new CountDownLatch(4);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        CallRecorder<Integer, String> work = CallRecorder.of(job -> {
            allStarted.countDown();
            try {
                allStarted.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "result " + job;
        });
        List<String> results = runAll(jobs(work, 4), executor, new AtomicReference<>());
        assertEquals(List.of("result 0", "result 1", "result 2", "result 3"), sorted(results),
                "runAll must complete with every job's result");
        int peak = work.peakInFlight();
        if (peak < 4) {
            boolean offExecutor = !executor.threads.containsAll(work.callers());
            fail("only " + peak + " of 4 jobs ran at the same time (each waited up to 2 s for the others): runAll "
                    + "must start every job "
                    + "at once, like asyncio.create_task, and only then gather the results. "
                    + (offExecutor
                    ? "The jobs did not run on the executor passed to runAll, which runs each job on its own thread: "
                    + "pass it to supplyAsync(job, executor)."
                    : "Chaining the jobs (thenCompose / thenApply from one job to the next) runs them one after "
                    + "another: start them all first with supplyAsync(job, executor), then gather."));
        }
    }

    @Test
    void runAllRunsJobsOnTheGivenExecutor() throws Exception {
        ThreadPerJobExecutor executor = new ThreadPerJobExecutor();
        CallRecorder<Integer, String> work = CallRecorder.blocking(50, job -> "result " + job);
        AtomicReference<Thread> caller = new AtomicReference<>();
        List<String> results = runAll(jobs(work, 3), executor, caller);
        assertEquals(List.of("result 0", "result 1", "result 2"), sorted(results),
                "runAll must complete with every job's result");
        if (work.callsOnCommonPool() > 0) {
            fail(work.callsOnCommonPool() + " of 3 jobs ran on the common ForkJoinPool instead of the executor passed "
                    + "to runAll: supplyAsync(job) without an executor uses the pool the whole program shares (and "
                    + "blocking jobs starve it). Pass the executor: supplyAsync(job, executor).");
        }
        if (work.callers().contains(caller.get())) {
            fail("a job ran on the thread that called runAll: runAll must only start the jobs, on the executor "
                    + "(supplyAsync(job, executor)), and return at once.");
        }
        List<String> elsewhere = work.callers().stream().filter(t -> !executor.threads.contains(t))
                .map(Thread::getName).sorted().toList();
        if (!elsewhere.isEmpty()) {
            fail("jobs ran on threads that do not belong to the executor passed to runAll: " + elsewhere
                    + ". Run every job on that executor: supplyAsync(job, executor).");
        }
    }

    @Test
    void runAllPropagatesAJobsException() throws Exception {
        ThreadPerJobExecutor executor = new ThreadPerJobExecutor();
        IllegalStateException failure = new IllegalStateException("job 1 failed");
        List<Supplier<String>> jobs = List.of(
                () -> "result 0",
                () -> {
                    throw failure;
                },
                () -> "result 2");
        CompletableFuture<List<String>> all;
        try {
            all = Liveness.callWithin("runAll", Duration.ofSeconds(5), () -> Async.runAll(jobs, executor));
        } catch (Exception thrown) {
            fail("job 1 threw " + failure + ", and runAll itself threw " + thrown + " instead of returning a future: "
                    + "runAll must return at once, without waiting for the jobs (no join() or get()), and report a "
                    + "job's exception by failing the future it returned.");
            return;
        }
        assertNotNull(all, "runAll must return a future, not null");
        try {
            List<String> results = all.get(5, TimeUnit.SECONDS);
            fail("job 1 threw " + failure + ", yet runAll completed normally with " + results
                    + ": a job's exception must fail runAll's future.");
        } catch (TimeoutException e) {
            fail("job 1 threw " + failure + " and 5 s later runAll's future had neither completed nor failed: fail it "
                    + "with the job's exception.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause != failure) {
                fail("job 1 threw " + failure + ", but runAll's future failed with " + e.getCause()
                        + ": fail it with the job's own exception.");
            }
        }
    }

    @Test
    void runAllKeepsTheOrderOfTheJobs() throws Exception {
        // Job i finishes only after job i + 1's future has completed, so the jobs complete last to first. The executor
        // is the test's: it knows when the future of the job it ran is complete (when the task it was given returns).
        int count = 5;
        List<CountDownLatch> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            done.add(new CountDownLatch(1));
        }
        Map<Thread, Integer> jobOfThread = new ConcurrentHashMap<>();
        Executor reverse = task -> {
            Thread thread = new Thread(() -> {
                task.run();
                Integer job = jobOfThread.get(Thread.currentThread());
                if (job != null) {
                    done.get(job).countDown();
                }
            }, "test-executor");
            thread.setDaemon(true);
            thread.start();
        };
        List<Supplier<String>> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int job = i;
            jobs.add(() -> {
                jobOfThread.put(Thread.currentThread(), job);
                if (job + 1 < count) {
                    try {
                        done.get(job + 1).await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return "result " + job;
            });
        }
        List<String> results = runAll(jobs, reverse, new AtomicReference<>());
        List<String> expected = List.of("result 0", "result 1", "result 2", "result 3", "result 4");
        if (!expected.equals(results)) {
            fail("the 5 jobs finished last to first and runAll gave " + results + " instead of " + expected
                    + ": like gather, runAll must give the results in the order of the jobs, not the order in which "
                    + "they finished. Start every job, then gather their futures.");
        }
    }

    /** "It is WAITING at Async.gather(Async.java:12)." from a Liveness report, or its first line. */
    static String whereStuck(AssertionError stuck) {
        String report = String.valueOf(stuck.getMessage());
        int at = report.indexOf("It is ");
        String line = at >= 0 ? report.substring(at) : report;
        int end = line.indexOf('\n');
        return end >= 0 ? line.substring(0, end) : line;
    }
}
