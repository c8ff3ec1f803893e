package threadmark.check;

import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Says where a thread is in words a student can act on: running (a spin or an endless loop) or waiting, in which
 * call, on which lock and held by whom, and its top frames in the student's own code.
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
        StackTraceElement[] stack = info.getStackTrace();
        StringBuilder out = new StringBuilder("\"").append(info.getThreadName()).append("\" ")
                .append(info.getThreadState());
        switch (info.getThreadState()) {
            case RUNNABLE -> out.append(running(stack, ownCode));
            case BLOCKED -> out.append(" entering synchronized on ").append(lock(info.getLockInfo()));
            case WAITING, TIMED_WAITING -> {
                out.append(" in ").append(call(stack, ownCode));
                if (info.getLockInfo() != null) {
                    out.append(" on ").append(lock(info.getLockInfo()));
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
