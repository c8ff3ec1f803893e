import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import threadmark.check.Blocking;
import threadmark.check.BusyWait;
import threadmark.check.CallRecorder;
import threadmark.check.Inconclusive;
import threadmark.check.Liveness;
import threadmark.check.StartLine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

// The permit-leak test runs last: a leaking limiter leaves callers blocked for good, and nothing else must depend
// on threads it left behind.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimiterTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** limiter.call for use inside a Runnable: checked exceptions become unchecked, with what happened. */
    private static <T> T call(Limiter limiter, Callable<T> task) {
        try {
            return limiter.call(task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("call(task) threw " + e, e);
        }
    }

    /**
     * 12 threads leave a start line together and each make 2 calls through one Limiter(3); every task is a 30 ms
     * download recorded by the test (peak in flight).
     */
    private static CallRecorder<Integer, Integer> crowd() {
        Limiter limiter = new Limiter(3);
        CallRecorder<Integer, Integer> download = CallRecorder.blocking(30, page -> page);
        int threads = 12;
        StartLine start = new StartLine(threads);
        List<Runnable> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int caller = t;
            callers.add(() -> {
                start.arriveAndGo();
                for (int c = 0; c < 2; c++) {
                    int page = caller * 10 + c;
                    Integer got = call(limiter, () -> download.apply(page));
                    if (got == null || got != page) {
                        throw new AssertionError("call(task) returned " + got + " but the task returned " + page
                                + ": return the task's own result");
                    }
                }
            });
        }
        Liveness.runToCompletion("12 threads each making 2 calls through a Limiter(3)", LIMIT, callers);
        assertEquals(24, download.calls(), "every call must run its task exactly once");
        return download;
    }

    @Test
    @Order(1)
    void neverMoreThanPermitsAtOnce() {
        int peak = crowd().peakInFlight();
        if (peak > 3) {
            fail(peak + " tasks ran at the same moment through a Limiter(3) (12 threads calling, each task 30 ms): "
                    + "the limit is not enforced. Every call must take a permit from ONE Semaphore(permits) that all "
                    + "callers share (a field created in the constructor, not a new one per call), and give it back "
                    + "when its task ends.");
        }
    }

    @Test
    @Order(2)
    void permitsTasksRunAtTheSameTime() {
        int peak = crowd().peakInFlight();
        if (peak < 3) {
            fail("at most " + peak + " task(s) ran at the same moment through a Limiter(3), although 12 threads were "
                    + "calling (each task 30 ms): the limiter lets fewer than `permits` run. Do not hold a lock "
                    + "(synchronized) while the task runs; the semaphore alone decides who may run.");
        }
    }

    @Test
    @Order(3)
    void tasksRunOnTheCallersThreads() {
        Limiter limiter = new Limiter(2);
        Queue<String> elsewhere = new ConcurrentLinkedQueue<>();
        AtomicInteger ran = new AtomicInteger();
        List<Runnable> callers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            callers.add(() -> {
                Thread me = Thread.currentThread();
                for (int c = 0; c < 3; c++) {
                    Thread runner = call(limiter, () -> {
                        ran.incrementAndGet();
                        Blocking.sleep(5);
                        return Thread.currentThread();
                    });
                    if (runner != me) {
                        elsewhere.add("'" + me.getName() + "' called, '" + (runner == null ? "?" : runner.getName())
                                + "' ran the task");
                    }
                }
            });
        }
        Liveness.runToCompletion("4 threads each making 3 calls through a Limiter(2)", LIMIT, callers);
        assertEquals(12, ran.get(), "every call must run its task exactly once");
        if (!elsewhere.isEmpty()) {
            fail(elsewhere.size() + " of 12 tasks ran on another thread than their caller, e.g. " + elsewhere.peek()
                    + ". call(task) must run the task itself, on the caller's thread (like `async with semaphore:` "
                    + "runs its body in the same coroutine): wait for a permit, then call task.call() directly. "
                    + "Do not hand the task to a pool or a new thread.");
        }
    }

    /**
     * Two kinds of evidence, because CPU figures alone depend on the machine: on a loaded host a spinning thread may
     * get little CPU. A thread that spins is RUNNABLE (as Java sees it) whether or not the OS runs it; a thread
     * blocked in acquire(), wait() or on a monitor is WAITING or BLOCKED. So the waiting callers' states are sampled
     * while they wait, and the CPU the program used meanwhile is measured (threadmark.check.BusyWait).
     */
    @Test
    @Order(4)
    void waitingCallersUseNoCpu() throws Exception {
        Limiter limiter = new Limiter(1);
        Liveness.callWithin("20 quick calls on a Limiter(1)", LIMIT, () -> {
            for (int i = 0; i < 20; i++) {
                limiter.call(() -> null);
            }
            return null;
        });
        int waiting = 3;
        CountDownLatch holding = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        Set<Thread> waiters = ConcurrentHashMap.newKeySet();
        Map<Thread, Integer> runnableSamples = new ConcurrentHashMap<>();
        AtomicInteger samples = new AtomicInteger();
        // One task holds the only permit for 400 ms; three callers arrive meanwhile and can only wait.
        BusyWait.Usage usage = BusyWait.measure(() -> {
            List<Runnable> threads = new ArrayList<>();
            threads.add(() -> call(limiter, () -> {
                held.set(true);
                holding.countDown();
                try {
                    Blocking.sleep(400);
                } finally {
                    held.set(false);
                }
                return null;
            }));
            for (int i = 0; i < waiting; i++) {
                threads.add(() -> {
                    awaitHolding(holding);
                    waiters.add(Thread.currentThread());
                    call(limiter, () -> null);
                });
            }
            threads.add(() -> {
                // The sampler: looks at the waiting callers every 10 ms while the first task holds the permit.
                awaitHolding(holding);
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (waiters.size() < waiting && held.get() && System.nanoTime() < giveUp) {
                    Blocking.sleep(1);
                }
                while (held.get() && samples.get() < 30) {
                    Blocking.sleep(10);
                    List<Thread> runnable = waiters.stream().filter(t -> t.getState() == Thread.State.RUNNABLE).toList();
                    if (!held.get()) {
                        break;
                    }
                    samples.incrementAndGet();
                    runnable.forEach(t -> runnableSamples.merge(t, 1, Integer::sum));
                }
            });
            Liveness.runToCompletion("4 threads sharing a Limiter(1)", LIMIT, threads);
            return null;
        });
        int taken = samples.get();
        int mostRunnable = runnableSamples.values().stream().max(Integer::compare).orElse(0);
        boolean spinningState = taken >= 5 && mostRunnable * 2 > taken;
        boolean spinningCpu = usage.cpuShare() > 0.3;
        if (taken < 5 && !spinningCpu) {
            // The host kept the test's own sampler off the CPU, and with it a spinning caller too: nothing seen.
            throw Inconclusive.because("the machine was too busy to watch the waiting callers: " + taken
                    + " looks in " + usage.wallMillis() + " ms, and at least 5 are needed");
        }
        if (spinningState || spinningCpu) {
            fail(String.format("While %d callers waited for the only permit of a Limiter(1), held by a 400 ms task, "
                            + "%sthe program used %,d ms of CPU in %,d ms: a waiting caller spins (busy waiting) "
                            + "instead of blocking. A loop that retries compareAndSet (or checks a counter) until a "
                            + "permit is free keeps a CPU busy the whole time. Block instead: Semaphore.acquire() "
                            + "(or wait()/notifyAll()) waits without using the CPU.",
                    waiting, taken == 0 ? "" : String.format("a waiting caller was running (RUNNABLE) in %d of %d "
                            + "samples taken every 10 ms and ", mostRunnable, taken),
                    usage.cpuMillis(), usage.wallMillis()));
        }
    }

    private static void awaitHolding(CountDownLatch holding) {
        try {
            if (!holding.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the first task never started");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(5)
    void exceptionReachesTheCallerUnchanged() throws Exception {
        Limiter limiter = new Limiter(2);
        List<Exception> failures = List.of(new IOException("download 7 failed"),
                new IllegalStateException("page 8 is not HTML"));
        for (Exception failure : failures) {
            try {
                Object result = Liveness.callWithin("a call whose task throws " + failure, LIMIT,
                        () -> limiter.call(() -> {
                            throw failure;
                        }));
                fail("the task threw " + failure + " but call(task) returned " + result
                        + ". Let the task's exception reach the caller: do not catch it.");
            } catch (Exception thrown) {
                if (thrown != failure) {
                    StringBuilder chain = new StringBuilder(thrown.toString());
                    for (Throwable cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
                        chain.append(" caused by ").append(cause);
                    }
                    fail("the task threw " + failure + " but the caller got " + chain + ". call(task) must throw "
                            + "the task's own exception, unchanged: run the task on the caller's thread and do not "
                            + "catch or wrap what it throws (free the permit in finally instead).");
                }
            }
        }
    }

    /**
     * Starts 3 callers whose tasks wait (up to 1 s) for each other, and returns how many of them were running at
     * the same moment: 3 when 3 permits are free.
     */
    private static int runningTogether(Limiter limiter, String what) {
        CountDownLatch together = new CountDownLatch(3);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Runnable> callers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            callers.add(() -> call(limiter, () -> {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    together.countDown();
                    return together.await(1, TimeUnit.SECONDS);
                } finally {
                    inFlight.decrementAndGet();
                }
            }));
        }
        try {
            Liveness.runToCompletion(what, Duration.ofSeconds(8), callers);
        } catch (AssertionError stuck) {
            return -1;
        }
        return peak.get();
    }

    @Test
    @Order(6)
    void failingTaskGivesBackItsPermit() throws Exception {
        Limiter limiter = new Limiter(3);
        // How many tasks this limiter lets run together before anything fails (3 if it is right; a limiter that
        // runs fewer loses points elsewhere, not here).
        int before = runningTogether(limiter, "3 calls on a new Limiter(3)");
        List<Exception> failures = List.of(new IOException("download 1 failed"),
                new IllegalStateException("page 2 is not HTML"), new IOException("download 3 failed"));
        for (Exception failure : failures) {
            try {
                Liveness.callWithin("a call whose task throws " + failure, LIMIT, () -> limiter.call(() -> {
                    throw failure;
                }));
            } catch (Exception expected) {
                // the failure reaching the caller is another test's business
            }
        }
        String answer;
        try {
            answer = Liveness.callWithin("a call after 3 failed tasks", Duration.ofSeconds(2),
                    () -> limiter.call(() -> "still works"));
        } catch (AssertionError stuck) {
            fail("after 3 tasks threw on a Limiter(3), the next call was still waiting for a permit 2 s later: the "
                    + "failing tasks never gave their permits back. Release the permit in a finally block, so it comes "
                    + "back whether the task returns or throws. " + whereStuck(stuck));
            return;
        }
        assertEquals("still works", answer, "call(task) must return what the task returned");
        int after = runningTogether(limiter, "3 calls after 3 failed tasks on a Limiter(3)");
        if (after < before) {
            fail("before any task failed, " + before + " tasks could run together on a Limiter(3); after 3 tasks "
                    + "threw, only " + Math.max(after, 0) + ": some failing task kept its permit. Release the permit "
                    + "in a finally block, whatever the task throws.");
        }
    }

    /** "It is WAITING at Limiter.call(Limiter.java:12)." from a Liveness report, or its first line. */
    static String whereStuck(AssertionError stuck) {
        String report = String.valueOf(stuck.getMessage());
        int at = report.indexOf("It is ");
        String line = at >= 0 ? report.substring(at) : report;
        int end = line.indexOf('\n');
        return end >= 0 ? line.substring(0, end) : line;
    }
}
