package threadmark.sandbox;

import java.time.Duration;

/**
 * Resources one sandbox run may use: memory (swap equal to it), CPUs and wall-clock time, and optionally the
 * cores the container is pinned to (Docker's cpuset syntax, "0,1"; null for no pinning). {@code exclusive}: the run
 * measures speed and needs its cores to itself, so no other container may start while it runs.
 */
public record SandboxLimits(int memoryMb, double cpus, Duration wallClock, String cpuset, boolean exclusive) {

    public SandboxLimits(int memoryMb, double cpus, Duration wallClock) {
        this(memoryMb, cpus, wallClock, null);
    }

    public SandboxLimits(int memoryMb, double cpus, Duration wallClock, String cpuset) {
        this(memoryMb, cpus, wallClock, cpuset, false);
    }

    public SandboxLimits {
        if (memoryMb < 64) {
            throw new IllegalArgumentException("memory limit must be at least 64 MB, was " + memoryMb);
        }
        if (cpus <= 0) {
            throw new IllegalArgumentException("cpus must be positive, was " + cpus);
        }
    }
}
