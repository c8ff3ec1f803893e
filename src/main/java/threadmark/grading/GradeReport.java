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

    public enum Status { PASSED, FAILED, ABORTED, MISSING }

    /** One expected test: how it went and what it earned. */
    public record TestVerdict(String id, String displayName, Status status, double points, double maxPoints,
                              boolean visible, String message, String output, long durationMillis) {
    }

    public TestVerdict test(String id) {
        return tests.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test " + id));
    }
}
