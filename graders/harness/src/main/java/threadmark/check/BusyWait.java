package threadmark.check;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * Catches busy waiting: CPU burnt while every thread should be blocked. The test arranges for the student's code
 * to have nothing to do for most of the call (a slow source, a gate that opens late); a blocked thread costs no
 * CPU, a spinning one a whole core.
 */
public final class BusyWait {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU and wall time of one measured call. */
    public record Usage(long cpuMillis, long wallMillis) {
        /** CPU time as a share of wall time: 1.0 means one core busy the whole time. */
        public double cpuShare() {
            return wallMillis == 0 ? 0 : (double) cpuMillis / wallMillis;
        }
    }

    private BusyWait() {
    }

    /** Runs {@code action} and measures the CPU the whole JVM used meanwhile. */
    public static <T> Usage measure(Callable<T> action) throws Exception {
        long cpuBefore = OS.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        action.call();
        return new Usage((OS.getProcessCpuTime() - cpuBefore) / 1_000_000, (System.nanoTime() - wallBefore) / 1_000_000);
    }

    /**
     * Runs {@code action}, during which the student's threads should mostly be blocked, and fails if the JVM used
     * more than {@code maxCpuShare} of one core meanwhile. A spinning thread uses close to 1.0; a blocked program
     * well under 0.1. {@code waitingFor} says what the threads were waiting for, in the student's terms.
     */
    public static void assertIdleWhile(String waitingFor, double maxCpuShare, Callable<?> action) throws Exception {
        Usage usage = measure(action);
        if (usage.cpuShare() > maxCpuShare) {
            throw new AssertionError(String.format("While the threads waited %s (%,d ms), the program used %,d ms of "
                            + "CPU: a thread spins while it waits (busy waiting). Block instead: wait()/notifyAll(), a "
                            + "Condition, a BlockingQueue, a CountDownLatch or a Semaphore wait without using the CPU.",
                    waitingFor, usage.wallMillis(), usage.cpuMillis()));
        }
    }
}
