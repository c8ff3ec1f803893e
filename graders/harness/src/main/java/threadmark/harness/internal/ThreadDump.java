package threadmark.harness.internal;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Set;

/** Renders the names, states, stacks and locks of all platform threads as text of bounded size. */
final class ThreadDump {
    static final int MAX_CHARS = 16 * 1024;
    private static final int MAX_FRAMES = 24;
    private static final Set<String> JVM_THREADS = Set.of("Reference Handler", "Finalizer", "Signal Dispatcher",
            "Common-Cleaner", "Notification Thread", "Attach Listener", Watchdog.THREAD_NAME);

    private final ThreadMXBean threads;

    /** Looks up the MXBean now, before student code runs, so a dump needs no class loading at timeout time. */
    ThreadDump() {
        this.threads = ManagementFactory.getThreadMXBean();
    }

    String capture() {
        ThreadInfo[] infos = threads.dumpAllThreads(threads.isObjectMonitorUsageSupported(),
                threads.isSynchronizerUsageSupported(), MAX_FRAMES);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int skipped = 0;
        for (ThreadInfo info : infos) {
            if (info == null || JVM_THREADS.contains(info.getThreadName())) {
                continue;
            }
            if (out.length() >= MAX_CHARS) {
                skipped++;
                continue;
            }
            append(out, info);
            shown++;
        }
        if (out.length() > MAX_CHARS) {
            out.setLength(MAX_CHARS);
            out.append("\n...");
        }
        if (skipped > 0) {
            out.append("\n[").append(skipped).append(" more threads not shown; ").append(shown).append(" shown]");
        }
        return out.toString();
    }

    private static void append(StringBuilder out, ThreadInfo info) {
        out.append('"').append(info.getThreadName()).append('"');
        if (info.isDaemon()) {
            out.append(" daemon");
        }
        out.append(' ').append(info.getThreadState());
        if (info.getLockName() != null) {
            out.append(" on ").append(info.getLockName());
        }
        if (info.getLockOwnerName() != null) {
            out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
        }
        out.append('\n');
        StackTraceElement[] stack = info.getStackTrace();
        MonitorInfo[] monitors = info.getLockedMonitors();
        for (int depth = 0; depth < stack.length; depth++) {
            out.append("    at ").append(FailureMessages.frame(stack[depth])).append('\n');
            for (MonitorInfo monitor : monitors) {
                if (monitor.getLockedStackDepth() == depth) {
                    out.append("    - locked ").append(monitor).append('\n');
                }
            }
        }
        LockInfo[] synchronizers = info.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            out.append("    holds:");
            for (LockInfo lock : synchronizers) {
                out.append(' ').append(lock);
            }
            out.append('\n');
        }
        out.append('\n');
    }
}
