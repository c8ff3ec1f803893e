package threadmark.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's account of one thread ({@code /proc/.../schedstat}): time on a CPU and time runnable but waiting for
 * one. Student code cannot forge it, and unlike CPU time it tells a thread the host kept off the CPU from one that
 * was blocked of its own accord (in a lock, a wait or a sleep), which is in neither figure.
 */
record Schedstat(long onCpuNanos, long waitingNanos) {
    private static final Path CURRENT_THREAD = Path.of("/proc/thread-self/schedstat");

    /** The calling thread's figures, or null where the kernel does not give them. */
    static Schedstat ofCurrentThread() {
        return read(CURRENT_THREAD);
    }

    /** {@code "<ns on a CPU> <ns runnable, waiting for a CPU> <timeslices>"}; null if unreadable (a thread ended). */
    static Schedstat read(Path file) {
        try {
            String[] fields = Files.readString(file).trim().split(" ");
            return new Schedstat(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
