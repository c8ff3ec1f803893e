package threadmark.exercise;

import threadmark.grading.GradeReport;
import threadmark.grading.Grader;
import threadmark.grading.GradingInput;
import threadmark.grading.InconclusiveRunException;
import threadmark.grading.LocalCores;

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
    }

    public List<SolutionCheck> validate(ExercisePackage exercise, Map<String, byte[]> testClasses) {
        List<SolutionCheck> checks = new ArrayList<>();
        ExerciseDefinition definition = exercise.definition();
        for (String reference : definition.references()) {
            GradeReport report = grade(exercise, testClasses, reference);
            boolean full = report.score() == report.maxScore();
            checks.add(new SolutionCheck(reference, true, full,
                    full ? null : "reference solution scored " + report.score() + " of " + report.maxScore() + ": " + report.summary(),
                    report));
        }
        for (ExerciseDefinition.KnownBad bad : definition.knownBad()) {
            GradeReport report = grade(exercise, testClasses, bad.folder());
            List<String> passedButShouldFail = bad.mustFail().stream()
                    .filter(id -> report.test(id).status() == GradeReport.Status.PASSED)
                    .toList();
            String problem = null;
            if (report.score() >= report.maxScore()) {
                problem = "known-bad solution scored full marks";
            } else if (!passedButShouldFail.isEmpty()) {
                problem = "known-bad solution passed " + String.join(", ", passedButShouldFail) + " which it must fail";
            }
            checks.add(new SolutionCheck(bad.folder(), false, problem == null, problem, report));
        }
        return checks;
    }

    /** Like the grading queue, runs an inconclusive measurement again, up to {@value #ATTEMPTS} times in all. */
    private GradeReport grade(ExercisePackage exercise, Map<String, byte[]> testClasses, String solution) {
        for (int attempt = 1; ; attempt++) {
            try {
                return grader.grade(new GradingInput("validate-" + exercise.slug() + "-" + solution, exercise.definition(),
                        testClasses, exercise.solutions().get(solution)),
                        LocalCores.cpusetFor(exercise.definition().limits().cpus()));
            } catch (InconclusiveRunException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
