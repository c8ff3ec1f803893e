package threadmark.sandbox;

import java.time.Duration;

/** Resources one sandbox run may use: memory (swap equal to it), CPUs and wall-clock time. */
public record SandboxLimits(int memoryMb, double cpus, Duration wallClock) {

    public SandboxLimits {
        if (memoryMb < 64) {
            throw new IllegalArgumentException("memory limit must be at least 64 MB, was " + memoryMb);
        }
        if (cpus <= 0) {
            throw new IllegalArgumentException("cpus must be positive, was " + cpus);
        }
    }
}
