package threadmark.grading;

import java.util.List;
import java.util.Map;

/** What the harness reported with a valid signature; anything unsigned is ignored. */
public record HarnessReport(
        Compile compile,
        Map<String, TestEvent> tests,
        Map<String, String> failedClasses,
        String timeoutMessage,
        String threadDump,
        /* Set by the harness when the host starved the run until the total timeout: why nothing more is a verdict. */
        String timeoutUnmeasured,
        String harnessError,
        boolean done,
        long testsMillis,
        /* CPU time of the grading JVM by part (beforeJob, compile, tests), from the done event; empty without one. */
        Map<String, Long> cpuMillis,
        int rejectedLines) {

    public record Compile(boolean ok, long durationMillis, List<CompileError> errors) {
    }

    public record TestEvent(String id, String displayName, String status, String message, long durationMillis, String output) {
    }
}
