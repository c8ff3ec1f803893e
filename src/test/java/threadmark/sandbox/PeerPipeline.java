package threadmark.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The way autograders usually grade Java, for the benchmark to compare with: a fresh container from a full JDK image,
 * {@code javac} on the submission and the tests, then the JUnit Platform console launcher on the test classes; no
 * AOT cache, no container started ahead, no in-memory compile. The image is what {@code FROM eclipse-temurin} would
 * give (the local JDK, whole, with its default CDS archive), built locally since no registry is reachable. Same
 * limits as the sandbox (memory, CPUs, cpuset, no network). Never grades students: it has none of the sandbox's
 * defences.
 */
public final class PeerPipeline {

    private static final String REPOSITORY = "threadmark-peer";
    private static final Pattern SUCCEEDED = Pattern.compile("\\[\\s*(\\d+) tests successful\\s*]");
    private static final Pattern FAILED = Pattern.compile("\\[\\s*(\\d+) tests failed\\s*]");

    /** How one grading went: the wall time around it and the console launcher's counts. */
    public record Result(long millis, int succeeded, int failed, int exitCode, String output) {
    }

    private final DockerClient docker;
    private final Path jdkHome;
    private final HarnessBundle bundle;
    private final Path consoleJar;
    private String image;

    /** {@code consoleJar}: junit-platform-console-standalone of the JUnit version the harness runs. */
    public PeerPipeline(DockerClient docker, Path jdkHome, HarnessBundle bundle, Path consoleJar) {
        this.docker = docker;
        this.jdkHome = jdkHome;
        this.bundle = bundle;
        this.consoleJar = consoleJar;
    }

    /**
     * Grades {@code sources} against the exercise's test sources ({@code tests}, by file name), the tests' JVM
     * started with {@code jvmOptions} (the exercise's JIT mode and pool size, as in the sandbox).
     */
    public Result grade(Map<String, String> sources, Map<String, String> tests, List<String> testClasses,
                        List<String> jvmOptions, int memoryMb, double cpus, String cpuset) throws Exception {
        String tag = image();
        String selectors = testClasses.stream().map(c -> "--select-class " + c).collect(Collectors.joining(" "));
        String script = "mkdir -p /work/out && /opt/jdk/bin/javac -d /work/out -cp /opt/junit/console.jar:/opt/threadmark/harness.jar"
                + " /work/src/*.java /work/test/*.java"
                + " && /opt/jdk/bin/java " + String.join(" ", jvmOptions) + " -jar /opt/junit/console.jar execute --disable-banner --details=summary"
                + " --class-path /work/out:/opt/threadmark/harness.jar " + selectors;
        long t0 = System.nanoTime();
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("none")
                .withMemory(memoryMb * 1024L * 1024L).withMemorySwap(memoryMb * 1024L * 1024L)
                .withNanoCPUs((long) (cpus * 1_000_000_000L));
        if (cpuset != null) {
            host.withCpusetCpus(cpuset);
        }
        String id = docker.createContainerCmd(tag).withCmd("/bin/sh", "-c", script).withHostConfig(host)
                .withLabels(Map.of("threadmark.peer", "run")).exec().getId();
        try {
            docker.copyArchiveToContainerCmd(id).withRemotePath("/")
                    .withTarInputStream(new ByteArrayInputStream(tar(sources, tests))).exec();
            StringBuilder output = new StringBuilder();
            ResultCallback.Adapter<Frame> logs = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (output) {
                        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            };
            docker.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(logs);
            logs.awaitStarted(10, TimeUnit.SECONDS);
            docker.startContainerCmd(id).exec();
            int exit = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(120, TimeUnit.SECONDS);
            logs.awaitCompletion(10, TimeUnit.SECONDS);
            docker.removeContainerCmd(id).withForce(true).exec();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String text;
            synchronized (output) {
                text = output.toString();
            }
            return new Result(millis, count(SUCCEEDED, text), count(FAILED, text), exit, text);
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed above
            }
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static byte[] tar(Map<String, String> sources, Map<String, String> tests) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, Map<String, String>> folder : Map.of("work/src/", sources, "work/test/", tests).entrySet()) {
                for (Map.Entry<String, String> file : folder.getValue().entrySet()) {
                    byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(folder.getKey() + file.getKey());
                    entry.setSize(content.length);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                    tar.closeArchiveEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** The peer image, built once from the local JDK, a shell, the console launcher and the check library. */
    public synchronized String image() throws Exception {
        if (image != null) {
            return image;
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(JdkRelease.of(jdkHome).releaseText().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(consoleJar));
        bundle.digestInto(digest);
        String tag = REPOSITORY + ":" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        try {
            docker.inspectImageCmd(tag).exec();
        } catch (NotFoundException absent) {
            build(tag);
        }
        image = tag;
        return tag;
    }

    private void build(String tag) throws Exception {
        Path context = Files.createTempDirectory("threadmark-peer-");
        try {
            Path rootfs = context.resolve("rootfs");
            Path jdk = rootfs.resolve("opt/jdk");
            copyTree(jdkHome, jdk);
            Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(Path.of("/bin/dash"), rootfs.resolve("bin/sh"));
            Files.copy(Path.of("/bin/mkdir"), rootfs.resolve("bin/mkdir"));
            new SharedLibraryCopier(rootfs).copyDependenciesOf(jdk);
            new SharedLibraryCopier(rootfs).copyDependenciesOf(rootfs.resolve("bin"));
            Files.createDirectories(rootfs.resolve("opt/junit"));
            Files.copy(consoleJar, rootfs.resolve("opt/junit/console.jar"));
            bundle.writeTo(rootfs.resolve("opt/threadmark"));
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM scratch
                    COPY rootfs/ /
                    ENV PATH=/opt/jdk/bin:/bin
                    """);
            docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false).withRemove(true)
                    .withLabels(Map.of("threadmark.peer", "image"))
                    .exec(new BuildImageResultCallback()).awaitImageId(10, TimeUnit.MINUTES);
        } finally {
            FileTrees.deleteQuietly(context);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(source)) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
