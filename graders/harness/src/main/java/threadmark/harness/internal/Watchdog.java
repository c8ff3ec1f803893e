package threadmark.harness.internal;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import threadmark.check.Starvation;

/**
 * Ends the run after the total timeout with a signed {@code timeout} event. It is started before any student code
 * runs because a thread bomb may later make starting threads impossible, and it ignores interrupts since student
 * code can reach every thread.
 */
public final class Watchdog implements Runnable {
    static final String THREAD_NAME = "threadmark-watchdog";
    static final int EXIT_STATUS = 3;

    private final ResultWriter results;
    private final long deadlineNanos;
    private final String message;
    private final ThreadDump threadDump = new ThreadDump();
    /** Taken before javac starts, so a run the host starved throughout is told apart from slow or stuck code. */
    private final Starvation.Mark start = Starvation.mark();
    /** Set once the student's classes are known, so the timeout can say where their threads were. */
    private volatile FailureMessages messages;

    private Watchdog(ResultWriter results, long totalMillis) {
        this.results = results;
        this.message = "tests did not finish within " + duration(totalMillis);
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(totalMillis);
    }

    public static Watchdog start(ResultWriter results, long totalMillis) {
        Watchdog watchdog = new Watchdog(results, totalMillis);
        Thread thread = new Thread(watchdog, THREAD_NAME);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return watchdog;
    }

    /** From now on a timeout also tells where each thread running the student's code was. */
    public void explainWith(FailureMessages messages) {
        this.messages = messages;
    }

    @Override
    public void run() {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(remaining);
            } catch (InterruptedException ignored) {
                // Only the deadline ends this thread.
            }
        }
        try {
            Optional<String> starved = Starvation.since(start);
            FailureMessages explainer = messages;
            String where = explainer == null ? "" : explainer.whereThreadsAre(null);
            results.emitFinalAndHalt(Events.timeout(message + where, dumpThreads(), starved.orElse(null)),
                    EXIT_STATUS);
        } finally {
            // Reached only if building the event failed, e.g. because student code exhausted the heap.
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }

    private String dumpThreads() {
        try {
            return threadDump.capture();
        } catch (Throwable t) {
            return "thread dump failed";
        }
    }

    static String duration(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
