package threadmark.harness.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import threadmark.check.ThreadStates;

/**
 * Turns a test failure into a message a student can act on: the exception, its causes, a plain explanation when
 * the tests and the student's classes do not fit together, and the top stack frames in the student's own code.
 */
public final class FailureMessages {
    static final int MAX_CHARS = 2000;
    private static final int MAX_CAUSES = 3;
    private static final int MAX_FRAMES = 5;
    private static final List<String> PLATFORM_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    private static final Pattern MISSING_FIELD = Pattern.compile("Class (\\S+) does not have member field '(.*)'");

    private static final int MAX_THREADS = 5;
    private static final int MAX_THREAD_FRAMES = 3;
    private static final int STACK_DEPTH = 64;
    /** How JUnit names the cause of a timeout that carries the stack of the test's thread at that moment. */
    private static final String TIMED_OUT_IN_THREAD = "Execution timed out in thread ";

    private final Set<String> studentClasses;
    /** Looked up now, before student code runs, so a timeout report needs no class loading. */
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public FailureMessages(Set<String> studentClasses) {
        this.studentClasses = studentClasses;
        // Loads the lock naming's classes now, with the rest of the harness, rather than in a timeout report (with no
        // thread to describe it does nothing else).
        ThreadStates.describe(List.of(), studentClasses::contains, MAX_THREAD_FRAMES);
    }

    /** Never throws: student exceptions may override {@code getMessage} and friends with anything. */
    public String describe(Throwable failure) {
        try {
            if (isTestTimeout(failure)) {
                return cap(headline(failure) + whereThreadsAre(timedOutThread(failure)));
            }
            StringBuilder out = new StringBuilder(headline(failure));
            List<Throwable> chain = causeChain(failure);
            for (Throwable cause : chain.subList(1, chain.size())) {
                out.append("\ncaused by ").append(headline(cause));
            }
            for (Throwable t : chain) {
                List<String> frames = studentFrames(t);
                if (!frames.isEmpty()) {
                    frames.forEach(frame -> out.append("\n  at ").append(frame));
                    break;
                }
            }
            return cap(out.toString());
        } catch (Throwable t) {
            return failure.getClass().getName();
        }
    }

    /** JUnit's per-test timeout ({@code SEPARATE_THREAD} mode): "first() timed out after 8 seconds". */
    static boolean isTestTimeout(Throwable failure) {
        return failure instanceof TimeoutException && failure.getMessage() != null
                && failure.getMessage().contains(" timed out after ");
    }

    /** The cause JUnit attaches to a timeout: the test's thread, with its stack taken before it was interrupted. */
    private static Throwable timedOutThread(Throwable failure) {
        for (Throwable t : causeChain(failure)) {
            if (t.getMessage() != null && t.getMessage().startsWith(TIMED_OUT_IN_THREAD)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Where every thread running the student's code is now, as lines to append to a timeout message; empty if none
     * is. {@code stopped} (may be null) carries the stack JUnit took of the test's thread before interrupting it: it
     * stands for that thread when the interrupt ended its wait.
     */
    String whereThreadsAre(Throwable stopped) {
        try {
            String stoppedName = stopped == null ? null : stopped.getMessage().substring(TIMED_OUT_IN_THREAD.length());
            List<ThreadInfo> shown = new ArrayList<>();
            boolean stoppedSeen = false;
            int more = 0;
            for (ThreadInfo info : threads.dumpAllThreads(threads.isObjectMonitorUsageSupported(),
                    threads.isSynchronizerUsageSupported(), STACK_DEPTH)) {
                if (info == null || !ThreadStates.runs(info.getStackTrace(), studentClasses::contains)) {
                    continue;
                }
                boolean isStopped = info.getThreadName().equals(stoppedName);
                stoppedSeen |= isStopped;
                if (shown.size() == MAX_THREADS) {
                    more++;
                } else {
                    shown.add(isStopped ? 0 : shown.size(), info);
                }
            }
            List<String> lines = new ArrayList<>(ThreadStates.describe(shown, studentClasses::contains,
                    MAX_THREAD_FRAMES));
            if (stopped != null && !stoppedSeen && ThreadStates.runs(stopped.getStackTrace(), studentClasses::contains)) {
                lines.addFirst(ThreadStates.describe(stoppedName, stopped.getStackTrace(), studentClasses::contains,
                        MAX_THREAD_FRAMES));
            }
            if (lines.isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder("\nYour threads at that moment"
                    + (stoppedName == null ? "" : " (\"" + stoppedName + "\" ran the test)") + ":");
            lines.forEach(line -> out.append("\n  ").append(line));
            if (more > 0) {
                out.append("\n  ... and ").append(more).append(" more threads running your code");
            }
            return out.toString();
        } catch (Throwable t) {
            return "\n(where your threads were could not be determined: " + t.getClass().getSimpleName() + ")";
        }
    }

    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && chain.size() <= MAX_CAUSES && seen.put(t, true) == null;
                t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    String headline(Throwable t) {
        String type = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        String message = t.getMessage();
        String hint = hint(t, message);
        if (hint != null) {
            return type + ": " + hint;
        }
        return message == null ? type : type + ": " + message;
    }

    /** Plain words for linkage errors, which mean the student's classes do not have the shape the tests expect. */
    private String hint(Throwable t, String message) {
        if (message == null) {
            return null;
        }
        return switch (t) {
            case NoSuchMethodError e -> {
                String owner = ownerOfMember(message);
                yield owner != null && studentClasses.contains(owner)
                        ? "your class " + owner + " lacks the method " + message
                                + " with exactly this signature (name, parameter types, return type, static or not)"
                        : null;
            }
            case NoSuchFieldError e -> {
                Matcher m = MISSING_FIELD.matcher(message);
                if (m.matches()) {
                    String owner = m.group(1).replace('/', '.');
                    yield studentClasses.contains(owner)
                            ? "your class " + owner + " lacks the field '" + m.group(2)
                                    + "' with exactly this type (and static or not)"
                            : null;
                }
                yield "your code lacks the field '" + message + "' that the tests use (check its name, type and"
                        + " static or not)";
            }
            case AbstractMethodError e -> "your class lacks an implementation of a method the tests call: " + message;
            case IllegalAccessError e -> "the tests cannot access a member of your code (is it private?): " + message;
            case IncompatibleClassChangeError e ->
                    "your class does not have the shape the tests expect (static or not, class or interface): "
                            + message;
            case NoClassDefFoundError e when message.startsWith("Could not initialize class") ->
                    message + " (its static initializer failed earlier)";
            case NoClassDefFoundError e when isPlatformClass(message.replace('/', '.')) ->
                    "the class " + message.replace('/', '.') + " is not available when grading";
            case NoClassDefFoundError e -> "your code lacks the class " + message.replace('/', '.')
                    + " (check its exact name and package)";
            default -> null;
        };
    }

    private static boolean isPlatformClass(String className) {
        return PLATFORM_PACKAGES.stream().anyMatch(className::startsWith);
    }

    /** The class in a HotSpot member description such as {@code 'void Counter.increment(int)'}. */
    static String ownerOfMember(String message) {
        String text = message.replace("'", "");
        int paren = text.indexOf('(');
        String beforeParams = paren < 0 ? text : text.substring(0, paren);
        String qualifiedName = beforeParams.substring(beforeParams.lastIndexOf(' ') + 1);
        int dot = qualifiedName.lastIndexOf('.');
        return dot <= 0 ? null : qualifiedName.substring(0, dot).replace('/', '.');
    }

    private List<String> studentFrames(Throwable t) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement element : t.getStackTrace()) {
            if (studentClasses.contains(element.getClassName())) {
                frames.add(frame(element));
                if (frames.size() == MAX_FRAMES) {
                    break;
                }
            }
        }
        return frames;
    }

    static String frame(StackTraceElement element) {
        return ThreadStates.frame(element);
    }

    private static String cap(String text) {
        String note = "\n[... truncated]";
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - note.length()) + note;
    }
}
