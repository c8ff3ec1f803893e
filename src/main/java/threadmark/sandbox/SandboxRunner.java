package threadmark.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.UpdateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import org.jboss.logging.Logger;

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

    /** This runner: a process may hold several (a test JVM does), and each removes only its own at close. */
    private static final String RUNNER = LABEL + ".runner";

    /**
     * CPU weights (cgroup cpu shares): a container started ahead of its job boots and warms up at the lowest weight,
     * on the CPU the running gradings leave idle, and gets the normal weight when its job comes.
     */
    static final int WAITING_CPU_SHARES = 2;
    static final int NORMAL_CPU_SHARES = 1024;

    private final DockerClient docker;
    private final SandboxConfig config;
    private final String owner = ProcessOwner.current().toString();
    private final String runnerId = java.util.UUID.randomUUID().toString();

    private final WarmContainers warm;

    public SandboxRunner(DockerClient docker, SandboxConfig config) {
        this.docker = docker;
        this.config = config;
        this.warm = new WarmContainers((shape, cpuset) -> start(shape, cpuset, "warm", WAITING_CPU_SHARES), this::remove,
                config.warmIdle());
    }

    /**
     * Removes the containers started ahead of a job that never came, then any other container of this runner still
     * there: its workers have stopped by now, so one left would outlive the server.
     */
    public void close() {
        warm.close();
        List<Container> left = containers(Map.of(RUNNER, runnerId));
        left.forEach(c -> remove(c.getId()));
        if (!left.isEmpty()) {
            LOG.warnf("removed %d sandbox container(s) still there when the sandbox closed", left.size());
        }
    }

    /** Who started a container: this host and process, so a restarted server can tell its own leftovers. */
    public String owner() {
        return owner;
    }

    /**
     * Runs the request in a container of its shape started ahead of it if one waits (see {@link WarmContainers}),
     * else in one started now; either way a fresh container that is removed afterwards. Then, unless warm starts are
     * off, the next container of this shape starts at the lowest CPU weight: it boots and warms up on CPU that other
     * gradings leave idle. (Started as soon as this one was taken, its warm-up slowed this job by ~100 ms on a
     * 2-core host to win only where a submission followed within a second.)
     */
    @Override
    public SandboxRun run(SandboxRequest request) {
        WarmContainers.Shape shape = WarmContainers.Shape.of(request);
        boolean ahead = request.startsAhead() && config.warmStart();
        boolean quiet = request.limits().exclusive();
        if (quiet) {
            warm.beginQuiet();
        }
        try {
            long t0 = System.nanoTime();
            StartedContainer container = ahead ? warm.take(shape) : null;
            boolean wasWarm = container != null;
            if (container == null) {
                container = start(shape, request.limits().cpuset(), request.label(), NORMAL_CPU_SHARES);
            }
            return runJob(container, request, wasWarm, t0);
        } finally {
            if (quiet) {
                warm.endQuiet();
            }
            if (ahead) {
                warm.prepare(shape, request.limits().cpuset());
            }
        }
    }

    /** Creates, attaches to and starts a container whose harness then waits for its job on stdin. */
    private StartedContainer start(WarmContainers.Shape shape, String cpuset, String label, int cpuShares) {
        long t0 = System.nanoTime();
        String id;
        try {
            id = Uninterruptible.call(() -> docker.createContainerCmd(shape.image())
                    .withCmd(shape.command())
                    .withUser(config.user())
                    // No working directory of /tmp: Docker would create it as root, 755, under the tmpfs, and
                    // the tmpfs would take that mode: the sandbox user could not write its own scratch space.
                    .withNetworkDisabled(true)
                    .withStdinOpen(true)
                    .withStdInOnce(true)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withLabels(Map.of(LABEL, "run", LABEL + ".run", label, OWNER, owner, RUNNER, runnerId))
                    .withHostConfig(hostConfig(shape.memoryMb(), shape.cpus(), cpuset).withCpuShares(cpuShares))
                    .exec()
                    .getId());
        } catch (RuntimeException e) {
            throw new SandboxException("could not create a sandbox container: " + e.getMessage(), e);
        }
        long t1 = System.nanoTime();
        // Nothing the harness prints before its job is a protocol line: it has no run's secret yet.
        OutputCollector output = new OutputCollector(config.outputLimitBytes(), line -> false);
        JobStdin stdin = new JobStdin();
        try {
            Uninterruptible.run(() -> docker.attachContainerCmd(id)
                    .withStdIn(stdin)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .exec(output));
            // Attach before start, or a fast program's output is gone before we listen.
            output.awaitStarted(10, TimeUnit.SECONDS);
            Uninterruptible.run(() -> docker.startContainerCmd(id).exec());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(id, stdin, output);
            throw new SandboxException("interrupted while the sandbox started", e);
        } catch (RuntimeException e) {
            discard(id, stdin, output);
            throw new SandboxException("could not start a sandbox container: " + e.getMessage(), e);
        }
        long t2 = System.nanoTime();
        return new StartedContainer(id, shape, cpuset, output, stdin, millis(t0, t1), millis(t1, t2), t2);
    }

    private void discard(String id, JobStdin stdin, OutputCollector output) {
        stdin.abandon();
        closeQuietly(output);
        remove(id);
    }

    private SandboxRun runJob(StartedContainer container, SandboxRequest request, boolean wasWarm, long takenAt) {
        SandboxLimits limits = request.limits();
        String id = container.id();
        OutputCollector output = container.output();
        SandboxRun.Ending ending = SandboxRun.Ending.EXITED;
        int exitCode;
        long handedOver = takenAt;
        long finished = takenAt;
        long removeStart;
        long removed;
        try {
            if (wasWarm) {
                UpdateContainerCmd update = docker.updateContainerCmd(id).withCpuShares(NORMAL_CPU_SHARES);
                if (limits.cpuset() != null && !limits.cpuset().equals(container.cpuset())) {
                    // It was pinned where the job before ran; its CPU count, which the JVM sized itself by, is the
                    // same (part of its shape), only the cores move.
                    update.withCpusetCpus(limits.cpuset());
                }
                Uninterruptible.run(update::exec);
            }
            output.expect(request.protocolLine());
            container.stdin().supply(request.stdin());
            handedOver = System.nanoTime();
            if (!output.awaitCompletion(limits.wallClock().toMillis(), TimeUnit.MILLISECONDS)) {
                ending = SandboxRun.Ending.TIMED_OUT;
                kill(id);
                output.awaitCompletion(5, TimeUnit.SECONDS);
            }
            finished = System.nanoTime();
            InspectContainerResponse.ContainerState state = waitForExit(id);
            exitCode = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
            if (Boolean.TRUE.equals(state.getOOMKilled())) {
                ending = SandboxRun.Ending.OUT_OF_MEMORY;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while the sandbox ran", e);
        } catch (SandboxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SandboxException("the sandbox failed: " + e.getMessage(), e);
        } finally {
            // A stopping server interrupts its workers; the clean-up must not be cut short by that interrupt.
            boolean interrupted = Thread.interrupted();
            container.stdin().abandon();
            closeQuietly(output);
            removeStart = System.nanoTime();
            remove(id);
            removed = System.nanoTime();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // A warm container's creation and start were paid before the job came: the job waited only for the hand-over.
        SandboxRun.Timings timings = wasWarm
                ? new SandboxRun.Timings(0, millis(takenAt, handedOver), millis(handedOver, finished),
                        millis(removeStart, removed), true)
                : new SandboxRun.Timings(container.createMillis(), millis(takenAt, handedOver) - container.createMillis(),
                        millis(handedOver, finished), millis(removeStart, removed), false);
        return new SandboxRun(ending, exitCode, output.protocolLines(), output.stdout(), output.stderr(),
                output.truncated(), timings);
    }

    private HostConfig hostConfig(int memoryMb, double cpus, String cpuset) {
        long memoryBytes = memoryMb * 1024L * 1024L;
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withMemory(memoryBytes)
                .withMemorySwap(memoryBytes)
                .withPidsLimit(config.pidsLimit())
                .withNanoCPUs((long) (cpus * 1_000_000_000L))
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,noexec,nosuid,nodev,size=" + config.tmpfsSizeMb() + "m,mode=1777"))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                // "none": a private IPC namespace without /dev/shm, which would be a second writable 64 MB tmpfs.
                .withIpcMode("none")
                // Output is read through the attach stream; a log driver would copy 100 MB floods to disk.
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
                .withAutoRemove(false);
        if (cpuset != null) {
            // The JVM inside then sees exactly these cores (availableProcessors, the common pool's size).
            host.withCpusetCpus(cpuset);
        }
        return host;
    }

    private InspectContainerResponse.ContainerState waitForExit(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            InspectContainerResponse.ContainerState state =
                    Uninterruptible.call(() -> docker.inspectContainerCmd(id).exec().getState());
            if (!Boolean.TRUE.equals(state.getRunning()) || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(20);
        }
    }

    private void kill(String id) {
        try {
            Uninterruptible.run(() -> docker.killContainerCmd(id).exec());
        } catch (RuntimeException e) {
            LOG.debugf("kill of %s: %s", id, e.getMessage());
        }
    }

    private void remove(String id) {
        try {
            Uninterruptible.run(() -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
        } catch (NotFoundException gone) {
            // already removed
        } catch (RuntimeException e) {
            LOG.warnf("could not remove sandbox container %s: %s", id, e.getMessage());
        }
    }

    /**
     * Removes containers left behind by a dead server process on this host: after a crash they may still run
     * (the harness stops itself only at its total time limit) and are never removed otherwise. Containers of live
     * processes (another worker sharing the engine) are left alone.
     */
    public int removeLeftovers() {
        List<Container> leftovers = containers(Map.of(LABEL, "run")).stream()
                .filter(c -> ProcessOwner.parse(c.getLabels().getOrDefault(OWNER, ""))
                        .map(ProcessOwner::isDeadOnThisHost).orElse(false))
                .toList();
        leftovers.forEach(c -> remove(c.getId()));
        return leftovers.size();
    }

    private List<Container> containers(Map<String, String> labels) {
        return Uninterruptible.call(() -> docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
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
