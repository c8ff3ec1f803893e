package threadmark.sandbox;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/** Settings of the Docker sandbox every submission runs in. */
@ConfigMapping(prefix = "threadmark.sandbox")
public interface SandboxConfig {

    /** Docker engine to talk to; unset means DOCKER_HOST or the local socket. */
    Optional<String> dockerHost();

    /** JDK whose runtime is linked into the image; unset means the JDK running the server. */
    Optional<String> jdkHome();

    String imageRepository();

    /**
     * A ready-made image to use instead of building one (e.g. from graders/Dockerfile); it must hold the
     * runtime at /opt/threadmark/jdk and the harness at /opt/threadmark.
     */
    Optional<String> image();

    /** Numeric uid:gid, so the image needs no passwd entry to run as nobody. */
    String user();

    long pidsLimit();

    int tmpfsSizeMb();

    /** Student output kept per stream; the rest is dropped, not buffered. */
    int outputLimitBytes();

    /** Added to an exercise's time limit before the container is killed: JVM start and compile. */
    Duration startupGrace();

    /**
     * Start the next container of a shape, its JVM booted and waiting for the job, while the server has nothing to
     * grade: a job then skips container start and JVM boot. Each container still serves one job only.
     */
    boolean warmStart();

    /** A container started ahead that no job took for this long is removed. */
    Duration warmIdle();
}
