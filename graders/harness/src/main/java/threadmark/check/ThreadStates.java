package threadmark.check;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Says where a thread is in words a student can act on: running (a spin or an endless loop) or waiting, in which
 * call, on which lock and held by whom, and its top frames in the student's own code.
 <p>
 * Example: what a timeout report says of each thread (the harness adds these lines itself):
 * <pre>{@code
 * ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {worker.threadId()}, true, true)[0];
 * String line = ThreadStates.describe(info, name -> name.equals("Gate"), 3);
 * // "worker-2" WAITING in Object.wait() on Gate@1b6d3586 held by "opener"
 * //     at Gate.await(Gate.java:6)
 * }</pre>
 */
public final class ThreadStates {

    private static final List<String> PLATFORM_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private ThreadStates() {
    }

    /**
     * One thread from a live snapshot, e.g. {@code "worker-2" WAITING in LinkedBlockingQueue.take() on
     * ConditionObject@1b6d3586} then its frames in {@code ownCode}, one per line, at most {@code maxFrames}.
     */
    public static String describe(ThreadInfo info, Predicate<String> ownCode, int maxFrames) {
        return describe(info, ownCode, maxFrames, LockNames.none());
    }

    /**
     * Each thread as {@link #describe(ThreadInfo, Predicate, int)} does, with the locks named where the static
     * fields of the classes on their stacks reach them (e.g. {@code the lock of Bank.ACCOUNTS[1] (Account)}).
     */
    public static List<String> describe(List<ThreadInfo> infos, Predicate<String> ownCode, int maxFrames) {
        if (infos.isEmpty()) {
            LockNames.none();
            return List.of();
        }
        Set<Long> ids = new HashSet<>();
        infos.forEach(info -> ids.add(info.getThreadId()));
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> ids.contains(thread.threadId())).toList();
        LockNames names = LockNames.reachableFrom(List.of(), threads);
        return infos.stream().map(info -> describe(info, ownCode, maxFrames, names)).toList();
    }

    static String describe(ThreadInfo info, Predicate<String> ownCode, int maxFrames, LockNames names) {
        StackTraceElement[] stack = info.getStackTrace();
        StringBuilder out = new StringBuilder("\"").append(info.getThreadName()).append("\" ")
                .append(info.getThreadState());
        String lock = names.of(info.getLockInfo(), info.getThreadId());
        switch (info.getThreadState()) {
            case RUNNABLE -> out.append(running(stack, ownCode));
            case BLOCKED -> {
                String method = synchronizedMethodEntered(info);
                out.append(method == null ? " entering synchronized on " + lock
                        : " entering synchronized method " + method + " on " + lock);
            }
            case WAITING, TIMED_WAITING -> {
                out.append(" in ").append(call(stack, ownCode));
                if (info.getLockInfo() != null) {
                    out.append(" on ").append(lock);
                }
            }
            default -> { }
        }
        if (info.getLockOwnerName() != null) {
            out.append(" held by \"").append(info.getLockOwnerName()).append('"');
        }
        return out.append(frames(stack, ownCode, maxFrames)).toString();
    }

    /**
     * A thread known only by a stack trace taken at the moment that matters (e.g. the one JUnit takes of a test
     * that timed out, before it interrupts it): running unless its top frame parks, waits or sleeps.
     */
    public static String describe(String threadName, StackTraceElement[] stack, Predicate<String> ownCode,
            int maxFrames) {
        String top = stack.length == 0 ? "" : stack[0].getClassName() + "." + stack[0].getMethodName();
        boolean waits = top.equals("jdk.internal.misc.Unsafe.park") || top.startsWith("java.lang.Object.wait")
                || top.startsWith("java.lang.Thread.sleep");
        return "\"" + threadName + "\" " + (waits ? "WAITING in " + call(stack, ownCode) : "RUNNABLE"
                + running(stack, ownCode)) + frames(stack, ownCode, maxFrames);
    }

    /** Whether any of the frames is in {@code ownCode}. */
    public static boolean runs(StackTraceElement[] stack, Predicate<String> ownCode) {
        for (StackTraceElement frame : stack) {
            if (ownCode.test(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The synchronized method a BLOCKED thread is entering, e.g. {@code Account.deposit()}, or null if it is blocked
     * at a synchronized block. Entering, the method's frame is already on the stack at its first line (which may be
     * an {@code if}) though no line of it has run: the thread holds no monitor locked in that frame yet.
     */
    static String synchronizedMethodEntered(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        if (info.getThreadState() != Thread.State.BLOCKED || stack.length == 0) {
            return null;
        }
        for (MonitorInfo monitor : info.getLockedMonitors()) {
            if (monitor.getLockedStackDepth() == 0) {
                return null;
            }
        }
        Class<?> type = LockNames.load(stack[0].getClassName());
        if (type == null || type.getModule().isNamed()) {
            return null;
        }
        boolean found = false;
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(stack[0].getMethodName())) {
                if (!Modifier.isSynchronized(method.getModifiers())) {
                    return null;
                }
                found = true;
            }
        }
        String simple = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        return found ? simple + "." + stack[0].getMethodName() + "()" : null;
    }

    /** A lock as its simple class name and identity, e.g. {@code ReentrantLock$NonfairSync@1b6d3586}. */
    static String lock(LockInfo lock) {
        if (lock == null) {
            return "nothing";
        }
        String name = lock.getClassName();
        return name.substring(name.lastIndexOf('.') + 1) + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

    private static String running(StackTraceElement[] stack, Predicate<String> ownCode) {
        boolean inOwnCode = stack.length > 0 && ownCode.test(stack[0].getClassName());
        return " (running, not waiting: an endless loop, or a spin that never sees what it waits for?)"
                + (inOwnCode ? "" : " in " + call(stack, ownCode));
    }

    /**
     * The library call the thread is in: the frame just above its first frame of own code (or, lacking one, of
     * code outside the JDK), e.g. {@code LinkedBlockingQueue.take()} rather than {@code Unsafe.park()}.
     */
    private static String call(StackTraceElement[] stack, Predicate<String> ownCode) {
        int caller = firstIndex(stack, ownCode);
        if (caller < 0) {
            caller = firstIndex(stack, type -> PLATFORM_PACKAGES.stream().noneMatch(type::startsWith));
        }
        int index = caller > 0 ? caller - 1 : caller == 0 ? 0 : stack.length - 1;
        if (index < 0) {
            return "an unknown place";
        }
        String type = stack[index].getClassName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + stack[index].getMethodName() + "()";
    }

    private static int firstIndex(StackTraceElement[] stack, Predicate<String> code) {
        for (int i = 0; i < stack.length; i++) {
            if (code.test(stack[i].getClassName())) {
                return i;
            }
        }
        return -1;
    }

    private static String frames(StackTraceElement[] stack, Predicate<String> ownCode, int maxFrames) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            if (frames.size() < maxFrames && ownCode.test(frame.getClassName())) {
                frames.add("\n    at " + frame(frame));
            }
        }
        return String.join("", frames);
    }

    /** A frame as {@code Counter.increment(Counter.java:9)}, without the module and loader prefixes. */
    public static String frame(StackTraceElement element) {
        String location = element.getFileName() == null ? "Unknown Source"
                : element.getLineNumber() >= 0 ? element.getFileName() + ":" + element.getLineNumber()
                : element.getFileName();
        return element.getClassName() + "." + element.getMethodName() + "(" + location + ")";
    }
}
