package threadmark.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Counts the platform threads that student code starts and finds the ones it leaves running. Take a census before
 * calling the student, then ask after the call returns. Virtual threads are not counted: the JDK's carrier threads
 * and its own helpers are never blamed on the student.
 <p>
 * Example: a pool must be shut down before the method returns:
 * <pre>{@code
 * ThreadCensus census = ThreadCensus.take();
 * Fetcher.fetchAll(urls, 4);
 * census.assertNoneLeftRunning("fetchAll", Duration.ofSeconds(1),
 *         "Shut the pool down (try-with-resources, or shutdown() in a finally block) so its threads end.");
 * }</pre>
 */
public final class ThreadCensus {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Set<String> JDK_HELPERS = Set.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Notification Thread",
            "Attach Listener", "process reaper", "VirtualThread-unparker", "VirtualThread-unblocker");

    private final long startedBefore;
    private final Set<Thread> aliveBefore;

    private ThreadCensus() {
        this.startedBefore = THREADS.getTotalStartedThreadCount();
        this.aliveBefore = Thread.getAllStackTraces().keySet();
    }

    /** Counts the threads alive now and how many platform threads the JVM has started so far. */
    public static ThreadCensus take() {
        return new ThreadCensus();
    }

    /** Platform threads started since the census (virtual threads are not counted by the JVM here). */
    public long platformThreadsStarted() {
        return THREADS.getTotalStartedThreadCount() - startedBefore;
    }

    /**
     * Threads started since the census that are still alive after waiting up to {@code grace} for them to end,
     * JDK helpers and virtual-thread carriers left out.
     */
    public List<Thread> leftRunning(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> left = newThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                left.getFirst().join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = newThreads();
        }
        return left;
    }

    /** Fails, naming each thread with its state and the student's line it is at, if any thread was left running. */
    public void assertNoneLeftRunning(String afterWhat, Duration grace, String advice) {
        List<Thread> left = leftRunning(grace);
        if (left.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (Thread thread : left) {
            names.append("\n  ").append(thread.getName()).append(" (").append(thread.getState()).append(") at ")
                    .append(Liveness.studentFrame(thread.getStackTrace()));
        }
        throw new AssertionError(left.size() + " thread(s) were still running " + grace.toMillis() + " ms after "
                + afterWhat + " returned:" + names + "\n" + advice);
    }

    private List<Thread> newThreads() {
        List<Thread> found = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!aliveBefore.contains(thread) && thread.isAlive() && thread != Thread.currentThread()
                    && !isJdkHelper(thread) && !BusyWait.isSampler(thread)) {
                found.add(thread);
            }
        }
        found.sort(Comparator.comparing(Thread::getName));
        return found;
    }

    static boolean isJdkHelper(Thread thread) {
        return JDK_HELPERS.contains(thread.getName())
                || thread.getClass().getName().equals("jdk.internal.misc.CarrierThread")
                || thread.getName().startsWith("ForkJoinPool.commonPool-worker")
                || thread.getName().startsWith("process reaper")
                // JDK 25 starts these lazily: the first socket I/O and the first timed wait on a virtual thread.
                || thread.getName().equals("MasterPoller") || thread.getName().endsWith("-delayScheduler")
                || thread.getName().startsWith("Read-Poller") || thread.getName().startsWith("Write-Poller");
    }
}
