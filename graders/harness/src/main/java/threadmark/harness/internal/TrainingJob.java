package threadmark.harness.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A small grading run that the sandbox image is built with, under {@code -XX:AOTCacheOutput}: it walks the same
 * paths as a real job (javac on a student source, JUnit discovery, a contention check, a failing assertion, result
 * signing), so the JVM's ahead-of-time cache holds the classes every grading loads. Only the training test is
 * compiled here; nothing of an exercise is in the image.
 */
public final class TrainingJob {

    static final String COUNTER = """
            import java.util.concurrent.atomic.AtomicLong;

            public class Counter {
                private final AtomicLong count = new AtomicLong();
                private long plain;

                public synchronized void increment() {
                    plain++;
                    count.incrementAndGet();
                }

                public long get() {
                    return count.get();
                }

                public synchronized long plain() {
                    return plain;
                }
            }
            """;

    private static final String TEST = """
            import java.time.Duration;
            import java.util.List;
            import java.util.concurrent.*;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.params.ParameterizedTest;
            import org.junit.jupiter.params.provider.ValueSource;
            import threadmark.check.Contention;
            import static org.junit.jupiter.api.Assertions.*;

            class TrainingTest {
                @Test
                void noLostUpdates() {
                    Contention.hammer("incremented one counter", 2, 4, Duration.ofMillis(5), Counter::new,
                            Counter::increment, (counter, made) -> counter.get() == made ? null : "lost updates");
                }

                @Test
                void pooledTasks() throws Exception {
                    ExecutorService pool = Executors.newFixedThreadPool(2);
                    try {
                        Counter counter = new Counter();
                        Callable<Object> task = () -> { counter.increment(); return null; };
                        for (Future<Object> f : pool.invokeAll(List.of(task, task))) {
                            f.get();
                        }
                        assertEquals(2, counter.plain());
                    } finally {
                        pool.shutdownNow();
                    }
                }

                @Test
                void virtualThreads() throws Exception {
                    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                        Future<Long> answer = executor.submit(() -> 42L);
                        assertEquals(42L, answer.get(1, TimeUnit.SECONDS));
                    }
                    CompletableFuture.supplyAsync(() -> 1).thenApply(x -> x + 1).join();
                }

                @Test
                void failsWithAMessage() {
                    assertEquals(3, new Counter().get(), "a failing assertion, as most known-bad runs have");
                }

                @ParameterizedTest
                @ValueSource(ints = {1, 2})
                void parameterized(int n) {
                    System.out.println("student output " + n);
                    assertTrue(n > 0);
                }
            }
            """;

    private TrainingJob() {
    }

    public static Job create() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        List<SourceFile> sources = List.of(new SourceFile("Counter.java", COUNTER));
        Map<String, byte[]> testClasses = compileTest(sources);
        return new Job(secret, "training-1", 10_000, 60_000, sources, testClasses, List.of("TrainingTest"),
                new HashMap<>());
    }

    /** The test needs JUnit and threadmark.check, which student code does not see: compile it against the module path. */
    static Map<String, byte[]> compileTest(List<SourceFile> studentSources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        List<InMemorySourceFile> files = new ArrayList<>();
        studentSources.forEach(s -> files.add(new InMemorySourceFile(s)));
        files.add(new InMemorySourceFile(new SourceFile("TrainingTest.java", TEST)));
        try (InMemoryFileManager fileManager = new InMemoryFileManager(standard)) {
            StringWriter out = new StringWriter();
            List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "-cp", moduleJars());
            if (!javac.getTask(out, fileManager, diagnostics, options, null, files).call()) {
                throw new IllegalStateException("the training test does not compile: " + diagnostics.getDiagnostics() + out);
            }
            Map<String, byte[]> testClasses = new LinkedHashMap<>();
            fileManager.classFiles().stream().filter(f -> f.className().startsWith("TrainingTest"))
                    .forEach(f -> testClasses.put(f.className(), f.bytes()));
            return testClasses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module path's jars in the sandbox; the class path as it is where the harness runs as a plain library. */
    private static String moduleJars() throws IOException {
        String modulePath = System.getProperty("jdk.module.path", "");
        if (modulePath.isBlank()) {
            return System.getProperty("java.class.path", "");
        }
        List<String> jars = new ArrayList<>();
        for (String entry : modulePath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> inside = Files.list(path)) {
                    inside.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
                }
            } else if (!entry.isBlank()) {
                jars.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, jars);
    }
}
