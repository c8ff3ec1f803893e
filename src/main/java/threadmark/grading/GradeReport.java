package threadmark.grading;

import java.util.List;
import java.util.Map;

/** The verdict on one submission: score, what to tell the student, per-test results and timings. */
public record GradeReport(
        Outcome outcome,
        String summary,
        double score,
        double maxScore,
        List<CompileError> compileErrors,
        List<TestVerdict> tests,
        String output,
        Map<String, Long> timings) {

    public enum Outcome { TESTED, COMPILE_FAILED, TIMED_OUT, OUT_OF_MEMORY, ENDED_EARLY }

    /**
     * {@code UNMEASURED}: the check library could not measure fairly (the machine was busy), so the test says nothing
     * about the student yet and earns nothing until it is measured again.
     */
    public enum Status { PASSED, FAILED, ABORTED, MISSING, UNMEASURED }

    /** One expected test: how it went and what it earned. */
    public record TestVerdict(String id, String displayName, Status status, double points, double maxPoints,
                              boolean visible, String message, String output, long durationMillis) {
    }

    /** Tests still waiting for a fair measurement; while there are any, the score may rise and is provisional. */
    public List<TestVerdict> unmeasured() {
        return tests.stream().filter(t -> t.status() == Status.UNMEASURED).toList();
    }

    public boolean isProvisional() {
        return tests.stream().anyMatch(t -> t.status() == Status.UNMEASURED);
    }

    public TestVerdict test(String id) {
        return tests.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test " + id));
    }
}
