package threadmark.check;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a timeout that says something about the student's code from one the host caused: whether, since a mark, the
 * process's threads were kept waiting for a CPU most of the time while the process used well under the CPU time its
 * CPUs allowed. A spin gets its CPU and a deadlock is not runnable, so neither is starved; a submission that runs more
 * busy threads than it has CPUs uses its whole allotment, so it is not starved by the host either. The figures come
 * from the kernel ({@code /proc/self/task/*}{@code /schedstat}: time on a CPU, then time runnable but waiting for one)
 * and the process CPU clock, which student code cannot forge.
 <p>
 * Example: tell a student's timeout from a starved machine before failing them:
 * <pre>{@code
 * Starvation.Mark mark = Starvation.mark();
 * boolean done = latch.await(5, TimeUnit.SECONDS);
 * if (!done) {
 *     Starvation.since(mark).ifPresent(why -> { throw Inconclusive.because(why); });
 *     fail("the gate never opened");
 * }
 * }</pre>
 */
public final class Starvation {
    /** Waiting for a CPU, summed over the threads, for at least this share of the wall time... */
    static final double MIN_WAIT_SHARE = 0.5;
    /** ...while the process used less than this share of (CPUs x wall time). */
    static final double MAX_CPU_SHARE = 0.5;
    private static final Path TASKS = Path.of("/proc/self/task");
    /**
     * The JVM's and the harness's own threads, by their kernel names (a Java thread's name, cut to 15 characters).
     * They do not count: on a busy host the JIT compilers wait for a CPU too, even while the student's threads sit
     * in a deadlock. A student thread that takes such a name only hides its own waiting, so it can make a starved
     * run look like a real timeout, never the reverse.
     */
    private static final List<String> JVM_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre", "GC Thread",
            "G1 ", "VM Thread", "VM Periodic Tas", "Signal Dispatch", "Service Thread", "Monitor Deflati",
            "Common-Cleaner", "Reference Handl", "Finalizer", "Notification Th", "Attach Listener", "threadmark-watc", "threadmark-undu");

    private Starvation() {
    }

    /** The state to measure from: the threads' CPU and run-queue times, the process CPU and the wall clock. */
    public record Mark(long wallNanos, long processCpuNanos, Map<String, long[]> tasks) {
    }

    /** What the host did to the run since a mark. */
    record Measured(double waitShare, double cpuShare) {
        boolean starved() {
            return waitShare >= MIN_WAIT_SHARE && cpuShare < MAX_CPU_SHARE;
        }

        String sentence() {
            return String.format(Locale.ROOT, "the machine was too busy to tell whether your code is slow: %d%% of the"
                    + " time your threads were ready to run but got no CPU, and the run got %d%% of the CPU time it was"
                    + " entitled to", Math.round(Math.min(1, waitShare) * 100), Math.round(cpuShare * 100));
        }
    }

    /** The clocks now: wall time, process CPU and every thread's CPU, to compare with {@link #since}. */
    public static Mark mark() {
        return new Mark(System.nanoTime(), ProcessCpu.nanos(), tasks());
    }

    /**
     * The reason to give when the run was starved by the host since {@code mark}, as an {@link Inconclusive} message;
     * empty when it was not, or when the kernel's figures cannot be read (then a timeout stands as before).
     */
    public static Optional<String> since(Mark mark) {
        try {
            Measured measured = measure(mark, mark());
            return measured != null && measured.starved()
                    ? Optional.of(Inconclusive.PREFIX + ": " + measured.sentence()) : Optional.empty();
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    /** Null when nothing can be said: no wall time passed or no thread could be read. */
    static Measured measure(Mark from, Mark to) {
        long wall = to.wallNanos() - from.wallNanos();
        if (wall <= 0 || to.tasks().isEmpty()) {
            return null;
        }
        long waited = 0;
        long ran = 0;
        for (Map.Entry<String, long[]> task : to.tasks().entrySet()) {
            // A thread that started since the mark counts from zero.
            long[] before = from.tasks().getOrDefault(task.getKey(), new long[2]);
            ran += Math.max(0, task.getValue()[0] - before[0]);
            waited += Math.max(0, task.getValue()[1] - before[1]);
        }
        // The process clock also counts threads that ended since the mark; the threads' own sum is the fallback.
        long cpu = from.processCpuNanos() >= 0 && to.processCpuNanos() >= 0
                ? to.processCpuNanos() - from.processCpuNanos() : ran;
        double allotment = (double) wall * Runtime.getRuntime().availableProcessors();
        return new Measured((double) waited / wall, cpu / allotment);
    }

    private static Map<String, long[]> tasks() {
        Map<String, long[]> tasks = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(TASKS)) {
            for (Path dir : dirs) {
                if (isJvmThread(dir)) {
                    continue;
                }
                Schedstat times = Schedstat.read(dir.resolve("schedstat"));
                if (times != null) {
                    tasks.put(dir.getFileName().toString(), new long[] {times.onCpuNanos(), times.waitingNanos()});
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return tasks;
    }

    private static boolean isJvmThread(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"));
            return JVM_THREADS.stream().anyMatch(name::startsWith);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
