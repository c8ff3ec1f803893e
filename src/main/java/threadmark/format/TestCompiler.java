package threadmark.format;

import threadmark.sandbox.HarnessBundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles an exercise's hidden tests on the server, against its first reference solution and the
 * harness's check library, so that only class files (never test sources) go into a sandbox. The
 * reference solution's own classes go along too, without debug information, under
 * {@link TestBundle#REFERENCE_PREFIX}: speedup tests measure the student against it.
 */
public final class TestCompiler {

    private static final List<String> OPTIONS = List.of("-proc:none", "-encoding", "UTF-8", "-Xlint:none",
            "--release", "21", "-g:none");

    private final HarnessBundle bundle;
    private final JavaCompiler compiler;
    /**
     * Kept for every compilation: a file manager indexes each jar on its class path when it opens it, which took as
     * long as compiling a whole exercise. Not thread-safe, hence {@code synchronized} compiling.
     */
    private StandardJavaFileManager withHarness;
    private StandardJavaFileManager alone;

    public TestCompiler(HarnessBundle bundle) {
        this.bundle = bundle;
        this.compiler = ToolProvider.getSystemJavaCompiler();
    }

    /**
     * Class files of the tests, by binary name, and of the first reference solution, by binary name behind
     * {@link TestBundle#REFERENCE_PREFIX}; throws with the compiler's messages if they do not compile.
     */
    public synchronized Map<String, byte[]> compile(ExerciseFolder exercise) {
        if (compiler == null) {
            throw new IllegalStateException("the server runs on a JRE without a Java compiler; run it on a JDK 21+");
        }
        String reference = exercise.definition().references().getFirst();
        List<Source> sources = new ArrayList<>();
        exercise.testSources().forEach((file, text) -> sources.add(new Source(file, text, true)));
        exercise.solutions().get(reference).forEach((file, text) -> sources.add(new Source(file, text, false)));

        // -g:none: no line numbers, local variable names or source file in the hidden tests, which would make
        // them decompile to near-source if they ever leaked. Failure messages point at the student's lines.
        Map<String, byte[]> testClasses = new TreeMap<>();
        List<String> problems = run(withHarness(), sources, testClasses);
        if (!problems.isEmpty()) {
            throw new ExerciseFormatException(exercise.slug(), problems.stream()
                    .map(p -> "tests do not compile against solutions/" + reference + ": " + p).toList());
        }
        compileReference(exercise, reference)
                .forEach((name, bytes) -> testClasses.put(TestBundle.REFERENCE_PREFIX + name, bytes));
        return testClasses;
    }

    /** The reference alone, as the harness compiles a student's files, but with no names or lines to read back. */
    private Map<String, byte[]> compileReference(ExerciseFolder exercise, String reference) {
        List<Source> sources = new ArrayList<>();
        exercise.solutions().get(reference).forEach((file, text) -> sources.add(new Source(file, text, true)));
        Map<String, byte[]> classes = new TreeMap<>();
        List<String> problems = run(alone(), sources, classes);
        if (!problems.isEmpty()) {
            throw new ExerciseFormatException(exercise.slug(), problems.stream()
                    .map(p -> "solutions/" + reference + " does not compile on its own: " + p).toList());
        }
        return classes;
    }

    /** Compiles; the class files of sources marked as tests land in {@code classes}. Returns the errors, if any. */
    private List<String> run(StandardJavaFileManager files, List<Source> sources, Map<String, byte[]> classes) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok = compiler.getTask(null, new InMemoryOutput(files, classes), diagnostics, OPTIONS, null, sources)
                .call();
        if (ok) {
            return List.of();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(null))
                .toList();
    }

    private StandardJavaFileManager withHarness() {
        if (withHarness == null) {
            withHarness = fileManager(classpath());
        }
        return withHarness;
    }

    private StandardJavaFileManager alone() {
        if (alone == null) {
            alone = fileManager(List.of());
        }
        return alone;
    }

    private StandardJavaFileManager fileManager(List<Path> classpath) {
        StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        try {
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private List<Path> classpath() {
        Path folder = bundle.materialized();
        List<Path> entries = new ArrayList<>();
        entries.add(folder.resolve("harness.jar"));
        try (Stream<Path> jars = Files.list(folder.resolve("lib"))) {
            jars.sorted().forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;
        private final boolean test;

        Source(String file, String text, boolean test) {
            super(URI.create("string:///" + file), Kind.SOURCE);
            this.text = text;
            this.test = test;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /**
     * Keeps the class files compiled from test sources; the reference solution's classes are dropped. Closing it
     * leaves the shared file manager open.
     */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> testClasses;

        InMemoryOutput(StandardJavaFileManager delegate, Map<String, byte[]> testClasses) {
            super(delegate);
            this.testClasses = testClasses;
        }

        @Override
        public void close() {
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            boolean fromTest = sibling instanceof Source source && source.test;
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            if (fromTest && location == StandardLocation.CLASS_OUTPUT) {
                                testClasses.put(className, toByteArray());
                            }
                        }
                    };
                }
            };
        }
    }
}
