package threadmark.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command in a fresh, locked-down container: no network, memory without swap, a pids limit,
 * CPU quota, read-only root with a small noexec tmpfs, nobody, no capabilities, no new privileges.
 * The container is always removed, also when anything fails.
 */
public final class SandboxRunner implements HarnessRunner {

    private static final Logger LOG = Logger.getLogger(SandboxRunner.class);

    public static final String LABEL = "threadmark.sandbox";

    private static final String OWNER = LABEL + ".owner";

    private final DockerClient docker;
    private final SandboxConfig config;
    private final String owner = ProcessOwner.current().toString();

    public SandboxRunner(DockerClient docker, SandboxConfig config) {
        this.docker = docker;
        this.config = config;
    }

    /** Who started a container: this host and process, so a restarted server can tell its own leftovers. */
    public String owner() {
        return owner;
    }

    @Override
    public SandboxRun run(SandboxRequest request) {
        SandboxLimits limits = request.limits();
        long t0 = System.nanoTime();
        String id;
        try {
            id = docker.createContainerCmd(request.image())
                    .withCmd(request.command())
                    .withUser(config.user())
                    // No working directory of /tmp: Docker would create it as root, 755, under the tmpfs, and
                    // the tmpfs would take that mode: the sandbox user could not write its own scratch space.
                    .withNetworkDisabled(true)
                    .withStdinOpen(true)
                    .withStdInOnce(true)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withLabels(Map.of(LABEL, "run", LABEL + ".run", request.label(), OWNER, owner))
                    .withHostConfig(hostConfig(limits))
                    .exec()
                    .getId();
        } catch (DockerException e) {
            throw new SandboxException("could not create a sandbox container: " + e.getMessage(), e);
        }
        long t1 = System.nanoTime();
        long t2 = t1;
        long t3;
        OutputCollector output = new OutputCollector(config.outputLimitBytes(), request.protocolLine());
        SandboxRun.Ending ending = SandboxRun.Ending.EXITED;
        int exitCode;
        try {
            docker.attachContainerCmd(id)
                    .withStdIn(new ByteArrayInputStream(request.stdin()))
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .exec(output);
            // Attach before start, or a fast program's output is gone before we listen.
            output.awaitStarted(10, TimeUnit.SECONDS);
            docker.startContainerCmd(id).exec();
            t2 = System.nanoTime();
            if (!output.awaitCompletion(limits.wallClock().toMillis(), TimeUnit.MILLISECONDS)) {
                ending = SandboxRun.Ending.TIMED_OUT;
                kill(id);
                output.awaitCompletion(5, TimeUnit.SECONDS);
            }
            t3 = System.nanoTime();
            InspectContainerResponse.ContainerState state = waitForExit(id);
            exitCode = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
            if (Boolean.TRUE.equals(state.getOOMKilled())) {
                ending = SandboxRun.Ending.OUT_OF_MEMORY;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while the sandbox ran", e);
        } catch (DockerException e) {
            throw new SandboxException("the sandbox failed: " + e.getMessage(), e);
        } finally {
            // A stopping server interrupts its workers; the clean-up must not be cut short by that interrupt.
            boolean interrupted = Thread.interrupted();
            closeQuietly(output);
            remove(id);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        long t4 = System.nanoTime();
        return new SandboxRun(ending, exitCode, output.protocolLines(), output.stdout(), output.stderr(),
                output.truncated(), new SandboxRun.Timings(millis(t0, t1), millis(t1, t2), millis(t2, t3), millis(t3, t4)));
    }

    private HostConfig hostConfig(SandboxLimits limits) {
        long memoryBytes = limits.memoryMb() * 1024L * 1024L;
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withMemory(memoryBytes)
                .withMemorySwap(memoryBytes)
                .withPidsLimit(config.pidsLimit())
                .withNanoCPUs((long) (limits.cpus() * 1_000_000_000L))
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,noexec,nosuid,nodev,size=" + config.tmpfsSizeMb() + "m,mode=1777"))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                // "none": a private IPC namespace without /dev/shm, which would be a second writable 64 MB tmpfs.
                .withIpcMode("none")
                // Output is read through the attach stream; a log driver would copy 100 MB floods to disk.
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
                .withAutoRemove(false);
        if (limits.cpuset() != null) {
            // The JVM inside then sees exactly these cores (availableProcessors, the common pool's size).
            host.withCpusetCpus(limits.cpuset());
        }
        return host;
    }

    private InspectContainerResponse.ContainerState waitForExit(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            if (!Boolean.TRUE.equals(state.getRunning()) || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(20);
        }
    }

    private void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (DockerException e) {
            LOG.debugf("kill of %s: %s", id, e.getMessage());
        }
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        } catch (DockerException e) {
            LOG.warnf("could not remove sandbox container %s: %s", id, e.getMessage());
        }
    }

    /**
     * Removes containers left behind by a dead server process on this host: after a crash they may still run
     * (the harness stops itself only at its total time limit) and are never removed otherwise. Containers of live
     * processes (another worker sharing the engine) are left alone.
     */
    public int removeLeftovers() {
        List<Container> leftovers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(LABEL, "run"))
                .exec()
                .stream()
                .filter(c -> ProcessOwner.parse(c.getLabels().getOrDefault(OWNER, ""))
                        .map(ProcessOwner::isDeadOnThisHost).orElse(false))
                .toList();
        leftovers.forEach(c -> remove(c.getId()));
        return leftovers.size();
    }

    private static void closeQuietly(OutputCollector output) {
        try {
            output.close();
        } catch (IOException ignored) {
            // the stream is finished either way
        }
    }

    private static long millis(long from, long to) {
        return Duration.ofNanos(to - from).toMillis();
    }
}
