package threadmark.grading;

import threadmark.format.ExerciseFolder;
import threadmark.sandbox.HarnessBundle;
import threadmark.sandbox.HarnessRunner;
import threadmark.sandbox.Sandbox;
import threadmark.sandbox.StandaloneSandboxConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One real sandbox for grader tests, and the probe exercise whose hostile submissions they grade. */
public final class SandboxFixture {

    public static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static Sandbox sandbox;
    private static ExercisePipeline pipeline;

    private SandboxFixture() {
    }

    public static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = new Sandbox(StandaloneSandboxConfig.load(), HarnessBundle.fromClasspath());
            // Its containers started ahead of a job would outlive the test JVM (and count as a dead process's).
            Sandbox closing = sandbox;
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                try {
                    closing.close();
                } catch (Exception e) {
                    // the JVM is going away either way
                }
            }));
        }
        return sandbox;
    }

    public static ExerciseFolder exercise(Path folder) {
        return pipeline().read(folder);
    }

    public static GradeReport grade(ExerciseFolder exercise, Map<String, String> files) {
        return grade(exercise, files, sandbox().runner());
    }

    /** Grades through {@code runner}, e.g. one that records the job it was given before running it in the sandbox. */
    public static GradeReport grade(ExerciseFolder exercise, Map<String, String> files, HarnessRunner runner) {
        ExercisePipeline.Compiled compiled = pipeline().compile(exercise);
        return new Grader(sandbox(), runner)
                .grade(new GradingInput("test-" + System.nanoTime(), exercise.definition(), compiled.testClasses(), files));
    }

    /** The pipeline the server publishes through, on this sandbox. */
    public static synchronized ExercisePipeline pipeline() {
        if (pipeline == null) {
            pipeline = new ExercisePipeline(sandbox());
        }
        return pipeline;
    }

    public static Map<String, String> javaFiles(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : listing.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
