package threadmark.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Runs concurrent work and reports, in words a student can act on, why it did not finish: a deadlock
 * cycle (threads, the locks they hold and wait for, and where), or threads still running at the time limit.
 <p>
 * Example: transfers both ways must not deadlock; a lock-order deadlock fails with its cycle, the locks named as the
 * tasks reach them ("worker-1 holds the lock of bank.accounts[0] (Account) and waits for the lock of
 * bank.accounts[1] (Account) held by worker-2, at Bank.transfer(Bank.java:18)"):
 * <pre>{@code
 * Bank bank = new Bank(2, 1_000);
 * Liveness.runToCompletion("2 threads transferring both ways", Duration.ofSeconds(10), List.of(
 *         () -> { for (int i = 0; i < 10_000; i++) bank.transfer(0, 1, 1); },
 *         () -> { for (int i = 0; i < 10_000; i++) bank.transfer(1, 0, 1); }));
 *
 * // A call that may hang (a join on a thread that waits for it, a full pipe nobody reads):
 * List<Integer> results = Liveness.callWithin("process(200 items, 4 workers)", Duration.ofSeconds(10),
 *         () -> Pipeline.process(items, 4, 9, work));
 * }</pre>
 * Let each task capture the student's object itself ({@code bank}), not only parts of it: that is what lets a
 * report name a lock by its field and index.
 */
public final class Liveness {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long POLL_MILLIS = 10;

    private Liveness() {
    }

    /**
     * Starts every task on its own thread ({@code worker-1}, {@code worker-2}, ...) and waits until all finish.
     * Fails with the deadlock cycle if the workers deadlock, with their states if they are still running after
     * {@code limit}, or with the first exception a task threw.
     */
    public static void runToCompletion(String what, Duration limit, List<? extends Runnable> tasks) {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Runnable task = tasks.get(i);
            Thread worker = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "worker-" + (i + 1));
            // A deadlocked worker can never be stopped; as a daemon it does not keep the JVM alive.
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        long deadline = System.nanoTime() + limit.toNanos();
        while (workers.stream().anyMatch(Thread::isAlive)) {
            failOnDeadlock(what, workers, tasks);
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not finish within " + limit.toMillis() + " ms. Threads still running:\n"
                        + describe(workers) + "Look for a thread that waits for a signal that never comes, or loops forever.");
            }
            awaitSlice(workers);
        }
        Throwable failure = failures.peek();
        if (failure instanceof AssertionError assertion) {
            throw assertion;
        }
        if (failure != null) {
            throw new AssertionError(what + " failed: " + failure, failure);
        }
    }

    /** Work that may throw, for {@link #callWithin}. */
    @FunctionalInterface
    public interface Call<T> {
        /** Calls the student's code and returns what it returned. */
        T call() throws Exception;
    }

    /**
     * Calls student code on a separate thread and returns its result, or fails if it has not returned within
     * {@code limit}: with the deadlock cycle if there is one, else with the line the call is stuck at and every
     * thread it started that is still running. Exceptions from the call reach the caller unchanged.
     */
    public static <T> T callWithin(String what, Duration limit, Call<T> call) throws Exception {
        ThreadCensus census = ThreadCensus.take();
        Object[] outcome = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread caller = new Thread(() -> {
            try {
                outcome[0] = call.call();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "student-call");
        caller.setDaemon(true);
        caller.start();
        long deadline = System.nanoTime() + limit.toNanos();
        while (caller.isAlive()) {
            List<Thread> involved = new ArrayList<>(census.leftRunning(Duration.ZERO));
            failOnDeadlock(what, involved, List.of(call));
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not return within " + limit.toMillis() + " ms. It is "
                        + caller.getState() + " at " + studentFrame(caller.getStackTrace()) + ".\n"
                        + startedThreads(involved.stream().filter(t -> t != caller).toList())
                        + "Look for a wait for something that never happens: a full pipe or queue nobody reads, "
                        + "a join on a thread that waits for you, or a signal sent before anyone waited.");
            }
            sleep();
        }
        if (thrown[0] instanceof Exception exception) {
            throw exception;
        }
        if (thrown[0] instanceof Error error) {
            throw error;
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }

    private static void failOnDeadlock(String what, List<Thread> threads, List<?> work) {
        String cycle = deadlockAmong(threads, work);
        if (cycle != null) {
            throw new AssertionError("Deadlock while " + what + ":\n" + cycle
                    + "Each thread holds one lock and waits for a lock another thread holds. Acquire locks in one "
                    + "global order (for example by account number), or use a single lock.");
        }
    }

    /**
     * The cycle, one line per thread of ours in it, with the locks named by where {@code work} (the tasks the
     * threads run) reaches them; null if none of ours is deadlocked.
     */
    private static String deadlockAmong(List<Thread> workers, List<?> work) {
        long[] deadlocked = THREADS.findDeadlockedThreads();
        if (deadlocked == null) {
            return null;
        }
        Set<Long> ours = workers.stream().map(Thread::threadId).collect(Collectors.toSet());
        List<ThreadInfo> cycle = new ArrayList<>();
        for (ThreadInfo info : THREADS.getThreadInfo(deadlocked, true, true)) {
            if (info != null && ours.contains(info.getThreadId())) {
                cycle.add(info);
            }
        }
        if (cycle.isEmpty()) {
            return null;
        }
        List<Thread> involved = workers.stream().filter(worker -> cycle.stream()
                .anyMatch(info -> info.getThreadId() == worker.threadId())).toList();
        LockNames names = LockNames.reachableFrom(work, involved);
        StringBuilder lines = new StringBuilder();
        for (ThreadInfo info : cycle) {
            String method = ThreadStates.synchronizedMethodEntered(info);
            lines.append("  ").append(info.getThreadName()).append(" holds ").append(names.heldBy(info))
                    .append(" and waits for ").append(names.of(info.getLockInfo(), info.getThreadId()))
                    .append(" held by ").append(info.getLockOwnerName())
                    .append(method == null ? ", at " : ", entering synchronized method ")
                    .append(studentFrame(info.getStackTrace())).append('\n');
        }
        return lines.toString();
    }

    private static String startedThreads(List<Thread> threads) {
        return threads.isEmpty() ? "" : "Threads it started that are still running:\n" + describe(threads);
    }

    private static String describe(List<Thread> workers) {
        StringBuilder states = new StringBuilder();
        for (Thread worker : workers) {
            if (worker.isAlive()) {
                states.append("  ").append(worker.getName()).append(' ').append(worker.getState())
                        .append(" at ").append(studentFrame(worker.getStackTrace())).append('\n');
            }
        }
        return states.toString();
    }

    /** The first frame outside the JDK and the harness: usually the student's line. */
    static String studentFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            boolean harness = "threadmark.harness".equals(frame.getModuleName()) || type.startsWith("threadmark.harness.");
            if (!harness && !type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return frame.toString();
            }
        }
        return stack.length == 0 ? "an unknown place" : stack[0].toString();
    }

    /**
     * Waits until every worker has ended or one poll interval has passed, whichever is first: a trial that ends
     * early is not kept waiting for the rest of a fixed sleep (30 short trials would lose up to 10 ms each).
     */
    private static void awaitSlice(List<Thread> workers) {
        long sliceEnd = System.nanoTime() + POLL_MILLIS * 1_000_000;
        try {
            for (Thread worker : workers) {
                long left = sliceEnd - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                worker.join(java.time.Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the workers", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the workers", e);
        }
    }
}
