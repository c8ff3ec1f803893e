package threadmark.grading;

import org.junit.jupiter.api.Test;
import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFolderReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationSummaryTest {

    private static final String RACE = "CounterRaceTest#noLostUpdatesUnderContention";
    private static final String STARTS = "CounterBasicsTest#startsAtZero";
    private static final String COUNTS = "CounterBasicsTest#countsInOneThread";

    private final ExerciseFolder counter = new ExerciseFolderReader().read(Path.of("exercises/race-counter"));

    @Test
    void theMarginOfEachKnownBadIsCountedWithTheTrialThatCaughtIt() {
        ValidationSummary summary = new ValidationSummary(counter);
        summary.add(run(Map.of(RACE, failed("3 of 4,000 increments were lost (seen in trial 2: 2 threads ...)"))));
        summary.add(run(Map.of(RACE, failed("Deadlock while incrementing (trial 5):"))));
        summary.add(run(Map.of(RACE, GradeReport.Status.UNMEASURED)));

        assertThat(summary.runs()).isEqualTo(3);
        ValidationSummary.Catch unsynchronized = summary.catches().stream()
                .filter(c -> c.solution().equals("unsynchronized")).findFirst().orElseThrow();
        assertThat(unsynchronized.toString()).as("an unmeasured run is no verdict")
                .isEqualTo("unsynchronized " + RACE + ": caught 2/2, in trial 2, 5");
        assertThat(unsynchronized.always()).isTrue();
        assertThat(summary.changedVerdicts()).isEmpty();
    }

    @Test
    void aVerdictThatChangesAKnownBadFailingAnotherTestAndASlowTestAreWarnedAbout() {
        ValidationSummary summary = new ValidationSummary(counter);
        summary.add(run(Map.of(RACE, failed("lost (seen in trial 1: ...)"))));
        // The second run: the race went unseen, and a basics test failed that the list does not name.
        summary.add(run(Map.of(RACE, GradeReport.Status.PASSED, STARTS, failed("expected: <0> but was: <1>"))));

        assertThat(summary.catches()).filteredOn(c -> c.solution().equals("unsynchronized"))
                .singleElement().satisfies(c -> {
                    assertThat(c.caught()).isEqualTo(1);
                    assertThat(c.always()).isFalse();
                });
        assertThat(summary.warnings()).anyMatch(w -> w.equals("the verdict of " + RACE
                + " on unsynchronized changed between runs: FAILED / PASSED (- = not measured)"));
        assertThat(summary.warnings()).anyMatch(w -> w.startsWith("known-bad unsynchronized also fails " + STARTS));
        assertThat(summary.warnings()).anyMatch(w -> w.startsWith(COUNTS + " took 15.0 s of its 20 s limit"));
    }

    /** Every solution of the exercise: references pass, known-bads fail their listed tests; then the overrides. */
    private List<ExerciseValidator.SolutionCheck> run(Map<String, Object> unsynchronized) {
        List<ExerciseValidator.SolutionCheck> checks = new ArrayList<>();
        for (String reference : counter.definition().references()) {
            checks.add(check(reference, true, Map.of(COUNTS, GradeReport.Status.PASSED), 15_000));
        }
        counter.definition().knownBad().forEach(bad -> {
            Map<String, Object> overrides = new java.util.HashMap<>();
            bad.mustFail().forEach(id -> overrides.put(id, failed("(seen in trial 1: ...)")));
            if (bad.folder().equals("unsynchronized")) {
                overrides.putAll(unsynchronized);
            }
            checks.add(check(bad.folder(), false, overrides, 10));
        });
        return checks;
    }

    private ExerciseValidator.SolutionCheck check(String solution, boolean reference, Map<String, Object> overrides,
                                                  long millis) {
        List<GradeReport.TestVerdict> tests = counter.definition().tests().stream().map(spec -> {
            Object outcome = overrides.getOrDefault(spec.id(), GradeReport.Status.PASSED);
            GradeReport.Status status = outcome instanceof GradeReport.Status s ? s : GradeReport.Status.FAILED;
            String message = outcome instanceof String m ? m : null;
            return new GradeReport.TestVerdict(spec.id(), spec.id(), status, 0, spec.points(), false, message, "",
                    millis);
        }).toList();
        GradeReport report = new GradeReport(GradeReport.Outcome.TESTED, "", 0, 100, List.of(), tests, "", Map.of());
        return new ExerciseValidator.SolutionCheck(solution, reference, true, null, report);
    }

    private static String failed(String message) {
        return message;
    }
}
