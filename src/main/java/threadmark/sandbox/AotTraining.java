package threadmark.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.async.ResultCallback;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Gives a sandbox image a JDK 25 ahead-of-time cache: runs the harness's training job ({@code --train}) in a
 * container of the untrained image under {@code -XX:AOTCacheOutput}, copies the cache out, and builds the final
 * image as one more layer holding it. Every grading JVM then maps javac's, JUnit's and the harness's classes
 * already loaded and linked instead of loading them from jars (the benchmark measured what it saves).
 */
final class AotTraining {

    static final int MIN_JAVA = 25;

    private static final int TIMEOUT_SECONDS = 180;

    private final DockerClient docker;

    AotTraining(DockerClient docker) {
        this.docker = docker;
    }

    static List<String> trainingCommand(int javaFeature) {
        List<String> command = new ArrayList<>(List.of(
                "-XX:AOTCacheOutput=" + SandboxImage.AOT_CACHE,
                "-XX:-UsePerfData",
                "-Djava.io.tmpdir=/tmp",
                "-Duser.home=/tmp"));
        command.addAll(SandboxImage.harnessMain(javaFeature));
        command.add("--train");
        return command;
    }

    void train(String untrainedTag, String finalTag, int javaFeature) {
        Path context = null;
        String id = null;
        try {
            // Root and a writable root file system for this one trusted run only: the cache is written into the
            // container's own layer, where the sandbox user of a grading cannot write.
            id = docker.createContainerCmd(untrainedTag)
                    .withCmd(trainingCommand(javaFeature))
                    .withUser("0")
                    .withNetworkDisabled(true)
                    .withLabels(Map.of(SandboxRunner.LABEL, "training"))
                    .withHostConfig(HostConfig.newHostConfig()
                            .withNetworkMode("none")
                            .withMemory(1024L * 1024 * 1024)
                            .withTmpFs(Map.of("/tmp", "rw,noexec,nosuid,size=64m,mode=1777")))
                    .exec()
                    .getId();
            docker.startContainerCmd(id).exec();
            Integer status = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (status == null || status != 0) {
                throw new SandboxException("the AOT training run exited with " + status + ": " + logsOf(id));
            }
            context = Files.createTempDirectory("threadmark-aot-");
            copyCacheOut(id, context.resolve("harness.aot"));
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM %s
                    COPY harness.aot %s
                    """.formatted(untrainedTag, SandboxImage.AOT_CACHE));
            docker.buildImageCmd(context.toFile())
                    .withTags(Set.of(finalTag))
                    .withLabels(Map.of(SandboxImage.AOT_LABEL, SandboxImage.AOT_CACHE))
                    .withPull(false)
                    .withRemove(true)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId(2, TimeUnit.MINUTES);
        } catch (IOException | DockerException e) {
            throw new SandboxException("AOT training failed: " + e.getMessage(), e);
        } finally {
            if (id != null) {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (DockerException ignored) {
                    // already gone
                }
            }
            FileTrees.deleteQuietly(context);
        }
    }

    private void copyCacheOut(String id, Path target) throws IOException {
        try (InputStream tarStream = docker.copyArchiveFromContainerCmd(id, SandboxImage.AOT_CACHE).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    Files.copy(tar, target);
                    if (Files.size(target) == 0) {
                        throw new SandboxException("the AOT training run wrote an empty cache");
                    }
                    return;
                }
            }
        }
        throw new SandboxException("the AOT training run left no cache at " + SandboxImage.AOT_CACHE);
    }

    private String logsOf(String id) {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(20)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            text.append("(no logs: ").append(e.getMessage()).append(')');
        }
        return text.toString().strip();
    }
}
