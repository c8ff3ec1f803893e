import org.junit.jupiter.api.Test;
import threadmark.check.CallRecorder;
import threadmark.check.Blocking;
import threadmark.check.Liveness;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;

import static org.junit.jupiter.api.Assertions.fail;

class SplitterTest {

    private static long value(int i) {
        return 3L * i + 7;
    }

    private static long expectedSum(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += value(i);
        }
        return sum;
    }

    /** What one call of sumInParallel did, as seen by the test-owned f. */
    private record Run(int n, int threads, long millisPerCall, long result, Thread caller,
                       CallRecorder<Integer, Long> calls, Map<Thread, Set<Integer>> numbersByThread,
                       int finishedAtReturn, List<String> aliveAtReturn) {

        String call() {
            return "sumInParallel(" + n + ", " + threads + ", f)";
        }

        /** Every new thread that called f. */
        List<Thread> workers() {
            return calls.callers().stream().filter(t -> t != caller).toList();
        }
    }

    /**
     * Calls sumInParallel with an f that blocks {@code millisPerCall} per call (CallRecorder: calls in flight,
     * calling threads, calls per number), notes what had finished and which threads were alive at the moment it
     * returned, then waits for any thread it left running so that everything it did is recorded.
     */
    private static Run run(int n, int threads, long millisPerCall) throws Exception {
        Map<Thread, Set<Integer>> numbersByThread = new ConcurrentHashMap<>();
        AtomicInteger finished = new AtomicInteger();
        CallRecorder<Integer, Long> recorder = CallRecorder.of(i -> {
            numbersByThread.computeIfAbsent(Thread.currentThread(), t -> ConcurrentHashMap.newKeySet()).add(i);
            Blocking.sleep(millisPerCall);
            finished.incrementAndGet();
            return value(i);
        });
        IntToLongFunction f = recorder::apply;
        ThreadCensus census = ThreadCensus.take();
        Thread[] caller = new Thread[1];
        int[] finishedAtReturn = new int[1];
        List<String> aliveAtReturn = new ArrayList<>();
        String call = "sumInParallel(" + n + ", " + threads + ", f)";
        long result = Liveness.callWithin(call + " (each call of f takes " + millisPerCall + " ms)",
                Duration.ofSeconds(10), () -> {
                    caller[0] = Thread.currentThread();
                    long sum = Splitter.sumInParallel(n, threads, f);
                    finishedAtReturn[0] = finished.get();
                    for (Thread alive : census.leftRunning(Duration.ZERO)) {
                        aliveAtReturn.add(where(alive));
                    }
                    return sum;
                });
        // Threads left running (a missing join) finish their calls now, so every call is recorded below.
        census.leftRunning(Duration.ofSeconds(5));
        return new Run(n, threads, millisPerCall, result, caller[0], recorder, numbersByThread,
                finishedAtReturn[0], List.copyOf(aliveAtReturn));
    }

    /** A thread's name and state, and the line of the student's class it is at. */
    private static String where(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("Splitter") || frame.getClassName().startsWith("Splitter$")) {
                return thread.getName() + " (" + thread.getState() + ", at " + frame + ")";
            }
        }
        return thread.getName() + " (" + thread.getState() + ")";
    }

    /** Null if the sum is right; else why it is wrong: calls still running, numbers missed or repeated, a bad total. */
    private static String sumProblem(Run run) {
        long expected = expectedSum(run.n());
        int callsMade = run.calls().calls();
        if (run.finishedAtReturn() < callsMade) {
            return String.format("%s returned %,d (expected %,d) when only %d of its %d calls of f had finished (each "
                            + "takes %d ms): it did not wait for its threads. join() every thread, after starting them "
                            + "all, before adding up the partial sums.", run.call(), run.result(), expected,
                    run.finishedAtReturn(), callsMade, run.millisPerCall());
        }
        List<Integer> never = new ArrayList<>();
        List<Integer> repeated = new ArrayList<>();
        for (int i = 0; i < run.n(); i++) {
            int times = run.calls().callsWith(i);
            if (times == 0) {
                never.add(i);
            } else if (times > 1) {
                repeated.add(i);
            }
        }
        if (!never.isEmpty()) {
            return String.format("%s returned %,d (expected %,d): f was never called for i = %s. The parts must cover "
                            + "all of [0, n): with n = %d and %d threads, %d part(s) get one number more than the others.",
                    run.call(), run.result(), expected, never, run.n(), run.threads(), run.n() % run.threads());
        }
        if (!repeated.isEmpty()) {
            return String.format("%s called f more than once for i = %s: the parts overlap. Each number belongs to "
                    + "exactly one part.", run.call(), repeated);
        }
        if (run.result() != expected) {
            return String.format("%s returned %,d instead of %,d although f was called exactly once for every i and "
                            + "every call had finished: the partial sums were combined wrongly. Threads that add to one "
                            + "shared variable without synchronization lose updates (`total += f(i)` reads total, "
                            + "then waits for f, then writes). Give each thread its own partial sum and add them up "
                            + "after join().", run.call(), run.result(), expected);
        }
        return null;
    }

    @Test
    void sumsWhenFewerNumbersThanThreads() throws Exception {
        for (int[] nt : new int[][]{{3, 5}, {0, 3}, {1, 2}}) {
            Run run = run(nt[0], nt[1], 50);
            String problem = sumProblem(run);
            if (problem != null) {
                fail("With fewer numbers than threads (some parts are empty): " + problem);
            }
        }
    }

    @Test
    void callsFExactlyOncePerNumber() throws Exception {
        Run run = run(90, 4, 2);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            int times = run.calls().callsWith(i);
            if (times != 1) {
                wrong.add("f(" + i + ") " + times + " times");
            }
        }
        if (!wrong.isEmpty()) {
            fail(run.call() + " called " + String.join(", ", wrong.subList(0, Math.min(10, wrong.size())))
                    + (wrong.size() > 10 ? " and " + (wrong.size() - 10) + " more" : "") + "; f must be called "
                    + "exactly once for every i in [0, n). Split [0, n) into `threads` contiguous parts that neither "
                    + "overlap nor leave a gap: the first n % threads parts get one number more.");
        }
    }

    @Test
    void runsOnExactlyThreadsNewThreads() throws Exception {
        for (int[] nt : new int[][]{{40, 4}, {30, 3}}) {
            Run run = run(nt[0], nt[1], 5);
            if (run.calls().callers().contains(run.caller())) {
                fail(String.format("%s called f on the thread that called sumInParallel (%d of %d calls came from "
                                + "%d thread(s) in all, the caller's among them). Call start() on each Thread: run() "
                                + "executes the body right there, on the current thread, and starts nothing.",
                        run.call(), run.calls().calls(), run.n(), run.calls().distinctCallers()));
            }
            int workers = run.workers().size();
            if (workers != run.threads()) {
                fail(String.format("%s called f from %d different threads; exactly %d new threads must do the work, "
                                + "one part each.", run.call(), workers, run.threads()));
            }
        }
    }

    @Test
    void threadsRunAtTheSameTime() throws Exception {
        Run run = run(32, 4, 25);
        int peak = run.calls().peakInFlight();
        if (peak != 4) {
            fail(String.format("During %s at most %d call(s) of f (25 ms each) ran at the same moment; with 4 threads "
                            + "all 4 must be working at once. Start every thread first and join them afterwards, in "
                            + "a second loop: a join() right after each start() waits for that thread before the next "
                            + "one starts, and run() instead of start() runs everything on the caller's thread.",
                    run.call(), peak));
        }
    }

    @Test
    void splitsIntoContiguousBalancedParts() throws Exception {
        Run run = run(10, 4, 20);
        Map<String, List<Integer>> parts = new TreeMap<>();
        for (Thread worker : run.workers()) {
            parts.put(worker.getName(), run.numbersByThread().get(worker).stream().sorted().toList());
        }
        List<String> shown = new ArrayList<>();
        parts.forEach((name, numbers) -> shown.add(numbers.size() == 1 ? "[" + numbers.getFirst() + "]"
                : "[" + numbers.getFirst() + ".." + numbers.getLast() + "]" + (numbers.getLast() - numbers.getFirst() + 1
                == numbers.size() ? "" : " with gaps")));
        String seen = String.join(", ", shown);
        if (parts.isEmpty()) {
            fail(String.format("%s never called f from a new thread: all %d calls ran on the caller's thread, so no "
                    + "thread summed a part of its own. Give each part its own Thread and call start() (run() executes "
                    + "the body on the current thread).", run.call(), run.calls().calls()));
        }
        if (parts.size() != 4) {
            fail(String.format("%s: f was called from %d new thread(s) (parts %s); 10 numbers over 4 threads must be "
                    + "4 parts of sizes 3, 3, 2, 2, one per thread.", run.call(), parts.size(), seen));
        }
        for (List<Integer> numbers : parts.values()) {
            boolean contiguous = numbers.getLast() - numbers.getFirst() + 1 == numbers.size();
            if (!contiguous || numbers.size() < 2 || numbers.size() > 3) {
                fail(String.format("%s split the numbers into the parts %s; they must be contiguous and differ in size "
                                + "by at most one: sizes 3, 3, 2, 2. Rounding the part size up gives 3, 3, 3, 1: give "
                                + "the first n %% threads parts n / threads + 1 numbers and the others n / threads "
                                + "(or let part t be [t*n/threads, (t+1)*n/threads)).", run.call(), seen));
            }
        }
    }

    @Test
    void waitsForEveryThreadBeforeReturning() throws Exception {
        Run run = run(16, 4, 20);
        String problem = sumProblem(run);
        if (problem != null) {
            fail(problem);
        }
    }

    @Test
    void leavesNoThreadRunning() throws Exception {
        Run run = run(8, 4, 20);
        if (!run.aliveAtReturn().isEmpty()) {
            List<String> alive = run.aliveAtReturn().stream().sorted().toList();
            fail(String.format("When %s returned, %d thread(s) it started were still running: %s. join() every "
                            + "thread you start before returning, so no thread outlives the call.",
                    run.call(), alive.size(), String.join(", ", alive)));
        }
    }
}
