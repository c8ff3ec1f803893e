package threadmark.harness.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import threadmark.check.ProcessCpu;

/** Compiles the student sources in memory with the JDK's own compiler. */
public final class SourceCompiler {
    /** At most this many compile errors are reported, each cut to this length, like test messages. */
    static final int MAX_ERRORS = 20;
    static final int MAX_MESSAGE_CHARS = FailureMessages.MAX_CHARS;
    /** javac's own error limit: past it, it stops reporting, and the count it reaches is only a lower bound. */
    private static final int JAVAC_MAX_ERRORS = 100;
    /** javac recurses over the syntax tree; a fixed stack makes "nested too deeply" the same on every host. */
    private static final long COMPILER_STACK_BYTES = 16L * 1024 * 1024;
    private static final long POLL_MILLIS = 50;
    /**
     * When the wall-clock limit arrives first, javac having used more than this fraction of its CPU budget means the
     * code is hard to compile (ordinary sources need a few seconds); less means the host starved it.
     */
    private static final long BUSY_HOST_SHARE = 4;
    private static final String HARD_WORK = " Something in your code makes the compiler work very hard (for example"
            + " switches over records or sealed types with many components, deeply nested generic types or"
            + " expressions, or very long methods): simplify it.";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /**
     * Heap held while javac runs and let go when any thread of the harness runs out of memory: a source that makes
     * javac allocate without end fills the heap for every thread, and the verdict must still be written.
     */
    private static final int RESERVE_BYTES = 8 * 1024 * 1024;
    /** After the heap ran out, how long javac (which fails on it too and lets its memory go) is waited for. */
    private static final long UNWIND_MILLIS = 2_000;
    /**
     * The harness runs as a named main module, so only the JDK modules it pulls in are present at run time (no
     * java.sql, no jdk.unsupported). Limiting javac to the Java SE modules of the running boot layer turns a use of
     * a missing module into a compile error instead of a NoClassDefFoundError in the middle of a test. No
     * {@code --release}: javac compiles against the JDK it runs in, the one the tests run on, and the option cost
     * ~80 ms of CPU per grading (a sixth of the compile) for nothing.
     */
    private static final List<String> OPTIONS = List.of("-proc:none", "-encoding", "UTF-8", "-Xlint:none",
            "-Xmaxerrs", Integer.toString(JAVAC_MAX_ERRORS), "--limit-modules", runtimeJavaModules());

    private static String runtimeJavaModules() {
        return ModuleLayer.boot().modules().stream().map(Module::getName).filter(name -> name.startsWith("java."))
                .sorted().collect(Collectors.joining(","));
    }

    /**
     * Compiles {@code sources} with at most {@code budgetMillis} of CPU time on the compiler's thread: CPU time, not
     * wall time, so that a busy host does not fail ordinary code. javac cannot be interrupted, so when it runs over,
     * the result is a compile failure that says so and javac is left running on a daemon thread (the caller halts).
     * If {@code wallLimitMillis} passes first, it is a compile failure too if javac had used a good part of its
     * budget, and otherwise a HostTooBusyException: the host starved javac, which says nothing about the code.
     */
    public CompileResult compile(List<SourceFile> sources, Set<String> reservedClassNames, long budgetMillis,
            long wallLimitMillis) {
        long start = System.nanoTime();
        long processCpuBefore = ProcessCpu.nanos();
        CompletableFuture<CompileResult> result = new CompletableFuture<>();
        Thread compiler = new Thread(null, () -> {
            try {
                result.complete(compile(sources, reservedClassNames));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "threadmark-javac", COMPILER_STACK_BYTES);
        compiler.setDaemon(true);
        byte[] reserve = new byte[RESERVE_BYTES];
        compiler.start();
        try {
            while (true) {
                try {
                    return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    long wall = System.nanoTime() - start;
                    long cpu = THREADS.getThreadCpuTime(compiler.threadId());
                    long used = cpu >= 0 ? cpu : wall;
                    long budget = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
                    if (used > budget) {
                        return failed(start, "compiling your code took more than " + Watchdog.duration(budgetMillis)
                                + " of CPU time, the share of the time limit compiling may use." + HARD_WORK);
                    }
                    if (wall > TimeUnit.MILLISECONDS.toNanos(wallLimitMillis)) {
                        // The whole process counts here: a source that makes javac allocate without end spends
                        // its CPU in the collector, not on javac's thread. Only javac runs before the compile event.
                        long process = processCpuBefore < 0 ? -1 : ProcessCpu.nanos() - processCpuBefore;
                        used = Math.max(used, process);
                        if (used > budget / BUSY_HOST_SHARE) {
                            return failed(start, "compiling your code did not finish within the time limit; it used "
                                    + TimeUnit.NANOSECONDS.toMillis(used) + " ms of CPU time." + HARD_WORK);
                        }
                        // javac hardly ran: the host is too busy, which says nothing about the student's code.
                        throw new HostTooBusyException("Inconclusive measurement: the machine was too busy to compile your code: javac got "
                                + TimeUnit.NANOSECONDS.toMillis(used) + " ms of CPU time in "
                                + TimeUnit.NANOSECONDS.toMillis(wall) + " ms");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        } catch (ExecutionException e) {
            String exhausted = exhausted(e.getCause());
            if (exhausted != null) {
                return failed(start, exhausted);
            }
            throw new IllegalStateException("compiling failed", e.getCause());
        } catch (OutOfMemoryError e) {
            // Only javac runs now, so the heap is full of what it made of the student's code, whichever thread
            // asked for memory last.
            reserve = null;
            awaitUnwinding(compiler);
            return failed(start, exhausted(e));
        } finally {
            Reference.reachabilityFence(reserve);
        }
    }

    private static void awaitUnwinding(Thread compiler) {
        try {
            compiler.join(UNWIND_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Compiles {@code sources}. A class whose binary name is in {@code reservedClassNames} (the test classes) is
     * reported as an error on the file that declares it, since the test class must be the one that gets loaded.
     */
    public CompileResult compile(List<SourceFile> sources, Set<String> reservedClassNames) {
        long start = System.nanoTime();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: the runtime lacks the jdk.compiler module");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<InMemorySourceFile> files = sources.stream().map(InMemorySourceFile::new).toList();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        try (InMemoryFileManager fileManager = new InMemoryFileManager(standard)) {
            standard.setLocation(StandardLocation.CLASS_PATH, List.of());
            StringWriter otherOutput = new StringWriter();
            boolean ok = files.isEmpty()
                    || javac.getTask(otherOutput, fileManager, diagnostics, OPTIONS, null, files).call();
            List<CompileError> errors = ok
                    ? collisions(fileManager.classFiles(), reservedClassNames, sources)
                    : errors(diagnostics.getDiagnostics(), otherOutput.toString());
            Map<String, byte[]> classFiles = new LinkedHashMap<>();
            if (errors.isEmpty()) {
                fileManager.classFiles().forEach(f -> classFiles.put(f.className(), f.bytes()));
            }
            return new CompileResult(errors.isEmpty(), millisSince(start), errors, classFiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompileResult failed(long startNanos, String message) {
        return new CompileResult(false, millisSince(startNanos), List.of(new CompileError(null, null, null, message)),
                Map.of());
    }

    /** A sentence for javac running out of memory or stack on the student's code, or null for any other failure. */
    private static String exhausted(Throwable failure) {
        return switch (failure) {
            case StackOverflowError e -> "the compiler ran out of stack: your code nests too deeply (expressions,"
                    + " blocks, generic types or string concatenations inside one another); flatten it.";
            case OutOfMemoryError e -> "the compiler ran out of memory on your code (very large methods, constants"
                    + " or generated code); make it smaller.";
            default -> null;
        };
    }

    private static List<CompileError> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics, String other) {
        List<CompileError> errors = new ArrayList<>();
        int total = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() == Diagnostic.Kind.ERROR && ++total <= MAX_ERRORS) {
                // Formatted only when shown: one message about a doubling generic type can be megabytes.
                String file = d.getSource() instanceof InMemorySourceFile source ? source.fileName() : null;
                errors.add(new CompileError(file, position(d.getLineNumber()), position(d.getColumnNumber()),
                        cap(d.getMessage(Locale.ROOT))));
            }
        }
        if (total > MAX_ERRORS) {
            errors.add(new CompileError(null, null, null, "... and " + (total >= JAVAC_MAX_ERRORS ? "at least " : "")
                    + (total - MAX_ERRORS) + " more errors (too many compiler messages; fix the first ones)"));
        }
        if (errors.isEmpty()) {
            errors.add(new CompileError(null, null, null, compilerFailure(other)));
        }
        return errors;
    }

    /** javac catches its own crashes (also out of memory or stack) and prints a bug report: turn that into words. */
    private static String compilerFailure(String output) {
        if (output.contains("java.lang.StackOverflowError")) {
            return exhausted(new StackOverflowError());
        }
        if (output.contains("java.lang.OutOfMemoryError")) {
            return exhausted(new OutOfMemoryError());
        }
        return output.isBlank() ? "compilation failed" : cap(output.strip());
    }

    static String cap(String message) {
        String note = "\n[... message truncated: too long]";
        return message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS - note.length()) + note;
    }

    private static Long position(long value) {
        return value == Diagnostic.NOPOS ? null : value;
    }

    private static List<CompileError> collisions(List<InMemoryClassFile> classFiles, Set<String> reserved,
            List<SourceFile> sources) {
        List<CompileError> errors = new ArrayList<>();
        for (InMemoryClassFile classFile : classFiles) {
            if (reserved.contains(classFile.className())) {
                String fileName = classFile.sourceFileName();
                String text = sources.stream().filter(s -> s.name().equals(fileName)).map(SourceFile::text)
                        .findFirst().orElse("");
                long[] where = declarationPosition(text, classFile.className());
                errors.add(new CompileError(fileName, where == null ? null : where[0], where == null ? null : where[1],
                        "class " + classFile.className() + " has the same name as a class of the tests; rename it"));
            }
        }
        return errors;
    }

    /** Line and column (1-based) of the declaration of a class, or null if it cannot be found in the text. */
    static long[] declarationPosition(String text, String binaryName) {
        String simpleName = binaryName.substring(Math.max(binaryName.lastIndexOf('.'), binaryName.lastIndexOf('$')) + 1);
        Matcher m = Pattern.compile("\\b(?:class|interface|enum|record)\\s+(" + Pattern.quote(simpleName) + ")\\b")
                .matcher(text);
        if (!m.find()) {
            return null;
        }
        int offset = m.start(1);
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        long line = text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return new long[] {line, offset - lineStart + 1};
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
