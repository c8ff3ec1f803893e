package threadmark.format;

import threadmark.sandbox.HarnessBundle;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
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

    private final HarnessBundle bundle;

    public TestCompiler(HarnessBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * Class files of the tests, by binary name, and of the first reference solution, by binary name behind
     * {@link TestBundle#REFERENCE_PREFIX}; throws with the compiler's messages if they do not compile.
     */
    public Map<String, byte[]> compile(ExerciseFolder exercise) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the server runs on a JRE without a Java compiler; run it on a JDK 21+");
        }
        String reference = exercise.definition().references().getFirst();
        List<Source> sources = new ArrayList<>();
        exercise.testSources().forEach((file, text) -> sources.add(new Source(file, text, true)));
        exercise.solutions().get(reference).forEach((file, text) -> sources.add(new Source(file, text, false)));

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> testClasses = new TreeMap<>();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
             InMemoryOutput output = new InMemoryOutput(standard, testClasses)) {
            // -g:none: no line numbers, local variable names or source file in the hidden tests, which would make
            // them decompile to near-source if they ever leaked. Failure messages point at the student's lines.
            List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "-Xlint:none", "--release", "21",
                    "-g:none", "-classpath", classpath());
            boolean ok = compiler.getTask(null, output, diagnostics, options, null, sources).call();
            if (!ok) {
                List<String> problems = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                                + d.getMessage(null))
                        .toList();
                throw new ExerciseFormatException(exercise.slug(), problems.stream()
                        .map(p -> "tests do not compile against solutions/" + reference + ": " + p).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        compileReference(compiler, exercise, reference)
                .forEach((name, bytes) -> testClasses.put(TestBundle.REFERENCE_PREFIX + name, bytes));
        return testClasses;
    }

    /** The reference alone, as the harness compiles a student's files, but with no names or lines to read back. */
    private Map<String, byte[]> compileReference(JavaCompiler compiler, ExerciseFolder exercise, String reference) {
        List<Source> sources = new ArrayList<>();
        exercise.solutions().get(reference).forEach((file, text) -> sources.add(new Source(file, text, true)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new TreeMap<>();
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
             InMemoryOutput output = new InMemoryOutput(standard, classes)) {
            List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "-Xlint:none", "--release", "21",
                    "-g:none");
            if (!compiler.getTask(null, output, diagnostics, options, null, sources).call()) {
                throw new ExerciseFormatException(exercise.slug(), diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> "solutions/" + reference + " does not compile on its own: " + d.getMessage(null))
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    private String classpath() throws IOException {
        Path folder = bundle.materialized();
        List<String> entries = new ArrayList<>();
        entries.add(folder.resolve("harness.jar").toString());
        try (Stream<Path> jars = Files.list(folder.resolve("lib"))) {
            jars.map(Path::toString).sorted().forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries);
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

    /** Keeps the class files compiled from test sources; the reference solution's classes are dropped. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> testClasses;

        InMemoryOutput(StandardJavaFileManager delegate, Map<String, byte[]> testClasses) {
            super(delegate);
            this.testClasses = testClasses;
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
