package threadmark.grading;


import threadmark.format.ExerciseDefinition;
import threadmark.format.ExerciseFolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proves an exercise through the real sandbox: every reference solution must score full marks, every
 * known-bad solution must lose points on exactly the tests it is said to fail. Runs are pinned to whole cores as
 * the grading workers pin them ({@link LocalCores}).
 */
public final class ExerciseValidator {

    private static final int ATTEMPTS = 3;

    private final Grader grader;

    public ExerciseValidator(Grader grader) {
        this.grader = grader;
    }

    /** How one solution fared against what the exercise says of it. */
    public record SolutionCheck(String solution, boolean reference, boolean ok, String problem, GradeReport report) {
        /** False when the machine was too busy to tell: neither a proof nor a failure of the exercise. */
        public boolean judged() {
            return ok || !problem.startsWith(NOT_JUDGED);
        }
    }

    private static final String NOT_JUDGED = "not judged";

    public List<SolutionCheck> validate(ExerciseFolder exercise, Map<String, byte[]> testClasses) {
        List<SolutionCheck> checks = new ArrayList<>();
        ExerciseDefinition definition = exercise.definition();
        for (String reference : definition.references()) {
            GradeReport report = grade(exercise, testClasses, reference);
            boolean full = report.score() == report.maxScore();
            String problem = full ? null : report.isProvisional() ? unmeasured(report)
                    : "reference solution scored " + report.score() + " of " + report.maxScore() + ": " + report.summary();
            checks.add(new SolutionCheck(reference, true, full, problem, report));
        }
        for (ExerciseDefinition.KnownBad bad : definition.knownBad()) {
            GradeReport report = grade(exercise, testClasses, bad.folder());
            List<String> passedButShouldFail = bad.mustFail().stream()
                    .filter(id -> report.test(id).status() == GradeReport.Status.PASSED)
                    .toList();
            String problem = null;
            if (bad.mustFail().stream().anyMatch(id -> report.test(id).status() == GradeReport.Status.UNMEASURED)) {
                problem = unmeasured(report);
            } else if (report.score() >= report.maxScore()) {
                problem = "known-bad solution scored full marks";
            } else if (!passedButShouldFail.isEmpty()) {
                problem = "known-bad solution passed " + String.join(", ", passedButShouldFail) + " which it must fail";
            }
            checks.add(new SolutionCheck(bad.folder(), false, problem == null, problem, report));
        }
        return checks;
    }

    /**
     * Like the grading queue, measures again while a test could not be measured fairly (a busy machine), up to
     * {@value #ATTEMPTS} runs in all; the last report may still be provisional.
     */
    private GradeReport grade(ExerciseFolder exercise, Map<String, byte[]> testClasses, String solution) {
        GradeReport report = null;
        for (int attempt = 1; attempt <= ATTEMPTS && (report == null || report.isProvisional()); attempt++) {
            report = grader.grade(new GradingInput("validate-" + exercise.slug() + "-" + solution, exercise.definition(),
                    testClasses, exercise.solutions().get(solution)),
                    LocalCores.cpusetFor(exercise.definition().limits().cpus()));
        }
        return report;
    }

    private static String unmeasured(GradeReport report) {
        return NOT_JUDGED + ": the machine was too busy to measure " + report.unmeasured().stream()
                .map(GradeReport.TestVerdict::id).toList() + " fairly in " + ATTEMPTS + " runs; validate again when it is quieter";
    }
}
