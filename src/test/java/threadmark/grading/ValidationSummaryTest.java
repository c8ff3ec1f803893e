package threadmark.grading;

import org.junit.jupiter.api.Test;
import threadmark.format.ExerciseDefinition;
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

    @Test
    void aTestTheKnownBadMayAlsoFailIsNotWarnedAbout() {
        // starts-at-one fails all three tests, and lists them all; self-assign lists countsInOneThread and the race
        // test: its failing startsAtZero too would be a different mistake, unless the author says it may.
        ValidationSummary summary = new ValidationSummary(counter);
        summary.add(run(Map.of()));
        assertThat(summary.warnings()).noneMatch(w -> w.startsWith("known-bad "));

        ExerciseDefinition.KnownBad selfAssign = counter.definition().knownBad().stream()
                .filter(b -> b.folder().equals("self-assign")).findFirst().orElseThrow();
        List<ExerciseValidator.SolutionCheck> checks = new ArrayList<>(run(Map.of()));
        checks.replaceAll(c -> c.solution().equals("self-assign")
                ? check("self-assign", false, Map.of(COUNTS, failed("x"), RACE, failed("y"), STARTS, failed("z")), 10) : c);
        ValidationSummary warned = new ValidationSummary(counter);
        warned.add(checks);
        assertThat(warned.warnings()).anyMatch(w -> w.startsWith("known-bad self-assign also fails " + STARTS));

        ExerciseDefinition mayFail = withKnownBad(counter.definition(), new ExerciseDefinition.KnownBad(
                selfAssign.folder(), selfAssign.mistake(), selfAssign.mustFail(), List.of(STARTS)));
        ValidationSummary quiet = new ValidationSummary(new ExerciseFolder(counter.slug(), mayFail, counter.prompt(),
                counter.promptRu(), counter.starterFiles(), counter.testSources(), counter.solutions(), counter.contentHash(),
                counter.files()));
        quiet.add(checks);
        assertThat(quiet.warnings()).noneMatch(w -> w.startsWith("known-bad self-assign"));
    }

    private static ExerciseDefinition withKnownBad(ExerciseDefinition d, ExerciseDefinition.KnownBad replacement) {
        List<ExerciseDefinition.KnownBad> bads = d.knownBad().stream()
                .map(b -> b.folder().equals(replacement.folder()) ? replacement : b).toList();
        return new ExerciseDefinition(d.title(), d.order(), d.topics(), d.topicsRu(), d.files(), d.limits(), d.jit(),
                d.tests(), d.references(), bads, d.promises(), d.feedbackRu());
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
