package threadmark.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds or builds the sandbox image with no registry: a runtime jlinked from a local JDK, the host's C
 * libraries it links against, and the harness, in an image {@code FROM scratch}. The tag is a hash of
 * all of that, so a changed harness or JDK leads to a new image.
 */
public final class SandboxImageBuilder {

    private static final Logger LOG = Logger.getLogger(SandboxImageBuilder.class);

    /** Bump when the recipe below changes in a way the hashed inputs do not show. */
    private static final String RECIPE = "threadmark-sandbox-recipe-5";

    /**
     * Student code shares the harness JVM, so nothing that reaches past module encapsulation or into the JVM's
     * memory: no jdk.unsupported (sun.misc.Unsafe), no attach, instrumentation or serviceability agent, and no
     * jdk.management or jdk.jfr (heap dumps, diagnostic commands and flight recordings hand out the hidden tests'
     * code). The harness refuses to run if one of them is in its boot layer (ClosedRuntime). Leaving them out of
     * the image, rather than --limit-modules on the command line, keeps the AOT cache: the JVM drops class-data
     * sharing whenever --limit-modules is given.
     */
    static final List<String> MODULES = List.of(
            "java.base", "java.compiler", "jdk.compiler", "java.logging", "java.management",
            "java.net.http", "jdk.httpserver");

    private final DockerClient docker;
    private final HarnessBundle bundle;
    private final Path jdkHome;
    private final String repository;

    public SandboxImageBuilder(DockerClient docker, HarnessBundle bundle, Path jdkHome, String repository) {
        this.docker = docker;
        this.bundle = bundle;
        this.jdkHome = jdkHome;
        this.repository = repository;
    }

    public SandboxImage findOrBuild() {
        JdkRelease jdk = JdkRelease.of(jdkHome);
        String tag = repository + ":" + contentHash(jdk).substring(0, 16);
        try {
            InspectImageResponse existing = docker.inspectImageCmd(tag).exec();
            LOG.debugf("sandbox image %s present (%s)", tag, existing.getId());
            return describe(tag, existing);
        } catch (NotFoundException absent) {
            long start = System.nanoTime();
            build(tag, jdk);
            LOG.infof("built sandbox image %s from %s in %d ms", tag, jdkHome,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return describe(tag, docker.inspectImageCmd(tag).exec());
        }
    }

    /** What the image's labels say about it; also used for an image named in the configuration. */
    static SandboxImage describe(String tag, InspectImageResponse image) {
        Map<String, String> labels = image.getConfig() == null || image.getConfig().getLabels() == null
                ? Map.of() : image.getConfig().getLabels();
        String java = labels.get("threadmark.java");
        String aot = labels.get(SandboxImage.AOT_LABEL);
        return new SandboxImage(tag, java == null ? 21 : Integer.parseInt(java), aot == null || aot.isBlank() ? null : aot);
    }

    private String contentHash(JdkRelease jdk) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(RECIPE.getBytes(StandardCharsets.UTF_8));
            digest.update(String.join(",", MODULES).getBytes(StandardCharsets.UTF_8));
            digest.update(jdk.releaseText().getBytes(StandardCharsets.UTF_8));
            bundle.digestInto(digest);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void build(String tag, JdkRelease jdk) {
        if (jdk.feature() < AotTraining.MIN_JAVA) {
            buildRuntime(tag, jdk);
            return;
        }
        String untrained = tag + "-untrained";
        buildRuntime(untrained, jdk);
        try {
            new AotTraining(docker).train(untrained, tag, jdk.feature());
        } catch (SandboxException e) {
            // Slower gradings, not wrong ones: the image works without its cache.
            LOG.warnf("no AOT cache in the sandbox image, grading JVMs will start slower: %s", e.getMessage());
            String[] repoAndTag = tag.split(":", 2);
            docker.tagImageCmd(untrained, repoAndTag[0], repoAndTag[1]).exec();
        } finally {
            try {
                docker.removeImageCmd(untrained).withNoPrune(true).exec();
            } catch (RuntimeException e) {
                LOG.debugf("could not untag %s: %s", untrained, e.getMessage());
            }
        }
    }

    private void buildRuntime(String tag, JdkRelease jdk) {
        Path context = null;
        try {
            context = Files.createTempDirectory("threadmark-image-");
            Path rootfs = context.resolve("rootfs");
            Path home = rootfs.resolve(SandboxImage.HOME.substring(1));
            Files.createDirectories(home);
            jlink(jdkHome, home.resolve("jdk"));
            new SharedLibraryCopier(rootfs).copyDependenciesOf(home.resolve("jdk"));
            bundle.writeTo(home);
            // No /tmp in the image: Docker copies an image directory's owner and mode (root, 755) onto the tmpfs
            // mounted over it, and the sandbox user could not write there. Without one, the tmpfs keeps mode=1777.
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/passwd"),
                    "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/sbin/nologin\n");
            Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM scratch
                    COPY rootfs/ /
                    USER 65534:65534
                    ENTRYPOINT ["%s"]
                    """.formatted(SandboxImage.JAVA));
            docker.buildImageCmd(context.toFile())
                    .withTags(Set.of(tag))
                    .withLabels(Map.of("threadmark.sandbox", "image", "threadmark.java", String.valueOf(jdk.feature())))
                    .withPull(false)
                    .withRemove(true)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId(5, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new SandboxException("could not stage the sandbox image: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while building the sandbox image", e);
        } finally {
            FileTrees.deleteQuietly(context);
        }
    }

    /** The sandbox's Java runtime, {@link #MODULES} only, linked from the JDK at {@code jdkHome} into {@code output}. */
    static void jlink(Path jdkHome, Path output) throws IOException, InterruptedException {
        Path jlink = jdkHome.resolve("bin/jlink");
        if (!Files.isExecutable(jlink)) {
            throw new SandboxException("no jlink in " + jdkHome + ": set threadmark.sandbox.jdk-home to a JDK 22 or newer");
        }
        ProcessResult result = ProcessResult.run(List.of(jlink.toString(),
                "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                // The JDK's class-data-sharing archive, which jlink leaves out unless asked: without it every
                // grading's JVM loads and verifies the core classes from scratch (the benchmark measured the cost).
                "--generate-cds-archive",
                "--output", output.toString()));
        if (result.exitCode() != 0) {
            throw new SandboxException("jlink failed (" + result.exitCode() + "): " + result.output());
        }
    }
}
