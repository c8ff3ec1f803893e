package threadmark.sandbox;

import java.util.List;

/**
 * What a container did: how it ended, the protocol lines it printed, the rest of its output (capped),
 * and where the time went.
 */
public record SandboxRun(
        Ending ending,
        int exitCode,
        List<String> protocolLines,
        String stdout,
        String stderr,
        boolean outputTruncated,
        Timings timings) {

    public enum Ending { EXITED, TIMED_OUT, OUT_OF_MEMORY }

    /**
     * Milliseconds the run waited for in each phase; {@code warm} when its container was started before the job came
     * (its creation and start then cost the job nothing but the hand-over).
     */
    public record Timings(long createMillis, long startMillis, long runMillis, long removeMillis, boolean warm) {
        public Timings(long createMillis, long startMillis, long runMillis, long removeMillis) {
            this(createMillis, startMillis, runMillis, removeMillis, false);
        }
    }
}
