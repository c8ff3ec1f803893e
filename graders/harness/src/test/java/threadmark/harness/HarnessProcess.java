package threadmark.harness;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts the packaged harness in a child JVM exactly as the container does, feeds it a job and collects the run. */
public final class HarnessProcess {
    private static final long RUN_LIMIT_SECONDS = 120;

    private HarnessProcess() {
    }

    /** What one harness run left behind, with its stdout already verified. */
    public record Run(int exitCode, String stdout, String stderr, List<Map<String, Object>> events,
            List<String> rejectedLines) {

        public List<Map<String, Object>> events(String type) {
            return events.stream().filter(e -> type.equals(e.get("type"))).toList();
        }

        public Map<String, Object> test(String id) {
            return events("test").stream().filter(e -> id.equals(e.get("id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no verified test event for " + id + " in " + this));
        }

        public List<Object> types() {
            return events.stream().map(e -> e.get("type")).toList();
        }
    }

    static Path harnessJar() {
        return Path.of(Objects.requireNonNull(System.getProperty("threadmark.harness.jar"),
                "system property threadmark.harness.jar (set by failsafe)"));
    }

    static Path harnessLib() {
        return Path.of(Objects.requireNonNull(System.getProperty("threadmark.harness.lib"),
                "system property threadmark.harness.lib (set by failsafe)"));
    }

    public static Run run(JobBuilder job, String... jvmOptions) {
        return run(job.toBytes(), job.secret(), job.runId(), jvmOptions);
    }

    public static Run run(byte[] stdin, byte[] secret, String runId, String... jvmOptions) {
        return run(List.of(), stdin, secret, runId, jvmOptions);
    }

    /** Runs the harness behind {@code wrapper}, a command that ends by running its arguments (e.g. {@code taskset}). */
    public static Run run(List<String> wrapper, JobBuilder job, String... jvmOptions) {
        return run(wrapper, job.toBytes(), job.secret(), job.runId(), Duration.ZERO, jvmOptions);
    }

    /** Starts the harness and gives it its job only after {@code wait}, as a container started ahead of its job. */
    public static Run runStartedAhead(Duration wait, JobBuilder job) {
        return run(List.of(), job.toBytes(), job.secret(), job.runId(), wait);
    }

    private static Run run(List<String> wrapper, byte[] stdin, byte[] secret, String runId, String... jvmOptions) {
        return run(wrapper, stdin, secret, runId, Duration.ZERO, jvmOptions);
    }

    private static Run run(List<String> wrapper, byte[] stdin, byte[] secret, String runId, Duration wait,
                           String... jvmOptions) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("--enable-native-access=threadmark.harness", "--illegal-native-access=deny",
                "--limit-modules", observableModules(),
                "-p", harnessJar() + File.pathSeparator + harnessLib(),
                "--add-modules", "ALL-MODULE-PATH",
                "-m", "threadmark.harness/threadmark.harness.Main"));
        ProcessBuilder builder = new ProcessBuilder(command);
        try {
            Process process = builder.start();
            CompletableFuture<String> stdout = readAll(process.getInputStream());
            CompletableFuture<String> stderr = readAll(process.getErrorStream());
            Thread.sleep(wait.toMillis());
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            }
            if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("harness did not exit within " + RUN_LIMIT_SECONDS + " s");
            }
            String out = stdout.join();
            ResultVerifier.Verified verified = ResultVerifier.verify(out, secret, runId);
            return new Run(process.exitValue(), out, stderr.join(), verified.events(), verified.rejectedLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JDK modules of the sandbox image (SandboxImageBuilder.MODULES) and the harness's own: this full JDK would
     * otherwise bind jdk.management and jdk.jfr into the boot layer, and the harness refuses to grade beside them.
     */
    private static String observableModules() {
        List<String> names = new ArrayList<>(List.of("java.compiler", "jdk.compiler", "java.logging",
                "java.management", "java.net.http", "jdk.httpserver"));
        ModuleFinder.of(harnessJar(), harnessLib()).findAll()
                .forEach(module -> names.add(module.descriptor().name()));
        return String.join(",", names);
    }

    /** Each stream gets its own thread: the common pool may have a single worker on a small machine. */
    private static CompletableFuture<String> readAll(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> Thread.ofPlatform().daemon().start(task));
    }
}
