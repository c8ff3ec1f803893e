package threadmark.sandbox;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the same harness command as the sandbox, as a plain child process of this JVM with no container: no
 * isolation at all. It exists to measure what the sandbox costs, side by side (the benchmark); never grade students
 * with it. The java it runs is a runtime linked like the image's, from the given JDK: a full JDK would bind heap dumps
 * and flight recordings into the harness's JVM, and the harness refuses to grade beside them.
 */
public final class BareHarnessRunner implements HarnessRunner {

    private final Path home;
    private final Path jdkHome;
    private final int outputLimitBytes;

    /** {@code java} (of a JDK, with jlink) must be the same JDK release as the sandbox image's. */
    public BareHarnessRunner(HarnessBundle bundle, String java, int outputLimitBytes) {
        this.home = bundle.materialized();
        this.jdkHome = Path.of(java).toAbsolutePath().getParent().getParent();
        this.outputLimitBytes = outputLimitBytes;
    }

    @Override
    public SandboxRun run(SandboxRequest request) {
        List<String> command = new ArrayList<>(List.of(linkedRuntime()));
        request.command().forEach(arg -> command.add(arg.replace(SandboxImage.HOME, home.toString())));
        if (request.command().stream().anyMatch(arg -> arg.startsWith("-XX:AOTCache="))) {
            trainAotCache(command);
        }
        OutputCollector output = new OutputCollector(outputLimitBytes, request.protocolLine());
        long t0 = System.nanoTime();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("threadmark-bare-");
            Process process = new ProcessBuilder(command).directory(scratch.toFile()).start();
            Thread out = pump(process.getInputStream(), StreamType.STDOUT, output);
            Thread err = pump(process.getErrorStream(), StreamType.STDERR, output);
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(request.stdin());
            }
            SandboxRun.Ending ending = SandboxRun.Ending.EXITED;
            if (!process.waitFor(request.limits().wallClock().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                ending = SandboxRun.Ending.TIMED_OUT;
            }
            out.join();
            err.join();
            long runMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            return new SandboxRun(ending, process.exitValue(), output.protocolLines(), output.stdout(), output.stderr(),
                    output.truncated(), new SandboxRun.Timings(0, 0, runMillis, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while the bare harness ran", e);
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }

    /** The image's runtime, linked once beside the bundle, where the image keeps it. */
    private synchronized String linkedRuntime() {
        Path java = Path.of(SandboxImage.JAVA.replace(SandboxImage.HOME, home.toString()));
        if (!Files.isExecutable(java)) {
            try {
                SandboxImageBuilder.jlink(jdkHome, java.getParent().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while linking the bare runtime", e);
            }
        }
        return java.toString();
    }

    /**
     * An AOT cache only fits the runtime that trained it, so the image's cache is useless here: train one for this
     * JDK with the same training job, so the comparison with the sandbox is like for like.
     */
    private synchronized void trainAotCache(List<String> gradingCommand) {
        Path cache = Path.of(SandboxImage.AOT_CACHE.replace(SandboxImage.HOME, home.toString()));
        if (Files.exists(cache)) {
            return;
        }
        // The grading command itself, writing the cache instead of reading it, on the training job.
        List<String> command = new ArrayList<>();
        gradingCommand.forEach(arg -> command.add(arg.startsWith("-XX:AOTCache=")
                ? "-XX:AOTCacheOutput=" + arg.substring("-XX:AOTCache=".length()) : arg));
        command.add("--train");
        try {
            ProcessResult result = ProcessResult.run(command);
            if (result.exitCode() != 0 || !Files.exists(cache)) {
                throw new SandboxException("AOT training on the bare JVM failed (" + result.exitCode() + "): " + result.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while training the bare JVM's AOT cache", e);
        }
    }

    private static Thread pump(InputStream stream, StreamType type, OutputCollector output) {
        return Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int n; (n = stream.read(buffer)) > 0; ) {
                    output.onNext(new Frame(type, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException e) {
                // The process ended or was killed; what was read is kept.
            }
        });
    }
}
