package threadmark.grading;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import threadmark.exercise.ExercisePackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static threadmark.grading.SandboxFixture.FIXTURES;

/** Wrong and hostile student code graded through the real Docker sandbox: what the student is told, and no points stolen. */
class HostileSubmissionTest {

    private static ExercisePackage probe;

    @BeforeAll
    static void readProbe() {
        probe = SandboxFixture.exercise(FIXTURES.resolve("probe"));
    }

    private static GradeReport grade(String hostile) {
        return SandboxFixture.grade(probe, SandboxFixture.javaFiles(FIXTURES.resolve("hostile").resolve(hostile)));
    }

    @Test
    void referenceSolutionScoresFullMarks() {
        GradeReport report = SandboxFixture.grade(probe, probe.solutions().get("reference"));
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.score()).isEqualTo(100.0);
        assertThat(report.summary()).contains("All 2 tests passed");
    }

    @Test
    void anInconclusiveMeasurementIsAGraderFailureNotAScore() {
        // The grading is retried by the queue and ends in ERROR after its attempts: never points, never a
        // verdict about the student drawn from a machine that was too busy to measure.
        assertThatThrownBy(() -> grade("fake-inconclusive"))
                .isInstanceOf(threadmark.sandbox.SandboxException.class)
                .hasMessageContaining("ProbeTest#first could not measure");
    }

    @Test
    void compileErrorsNameFileAndLine() {
        GradeReport report = grade("compile-error");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.COMPILE_FAILED);
        assertThat(report.score()).isZero();
        assertThat(report.compileErrors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("Probe.java");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).contains("';' expected");
        });
        assertThat(report.summary()).contains("does not compile").contains("Probe.java:3");
    }

    @Test
    void endlessLoopIsStoppedAtTheTestTimeoutAndOtherTestsStillCount() {
        GradeReport report = grade("infinite-loop");
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").message()).containsIgnoringCase("timed out");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(50.0);
    }

    @Test
    void codeThatNeverFinishesIsStoppedAtTheTimeLimit() {
        GradeReport report = grade("hang-everything");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TIMED_OUT);
        assertThat(report.score()).isZero();
        assertThat(report.summary()).contains("time limit of 12 s");
        assertThat(report.timings().get("runMillis")).isLessThan(12_000 + 15_000);
    }

    @Test
    void unboundedAllocationIsReportedAsOutOfMemory() {
        GradeReport report = grade("memory-bomb");
        GradeReport.TestVerdict first = report.test("ProbeTest#first");
        assertThat(first.status()).isNotEqualTo(GradeReport.Status.PASSED);
        assertThat(first.points()).isZero();
        assertThat(first.message()).containsIgnoringCase("memory");
    }

    @Test
    void threadBombIsStoppedByThePidsLimit() {
        GradeReport report = grade("thread-bomb");
        GradeReport.TestVerdict first = report.test("ProbeTest#first");
        assertThat(first.status()).isNotEqualTo(GradeReport.Status.PASSED);
        assertThat(first.points()).isZero();
        assertThat(first.message()).containsIgnoringCase("thread");
    }

    @Test
    void systemExitEarnsNoPointsForTestsThatNeverRan() {
        GradeReport report = grade("system-exit");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.ENDED_EARLY);
        assertThat(report.score()).isZero();
        assertThat(report.test("ProbeTest#second").message()).contains("System.exit");
    }

    @Test
    void forgedResultLinesEarnNothing() {
        GradeReport report = grade("fake-result");
        assertThat(report.score()).isZero();
        assertThat(report.tests()).allSatisfy(t -> assertThat(t.status()).isNotEqualTo(GradeReport.Status.PASSED));
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.ENDED_EARLY);
    }

    @Test
    void hiddenTestsCannotBeFoundOnDiskThroughTheClassLoaderOrByReflection() {
        GradeReport report = grade("read-hidden-tests");
        String printed = report.test("ProbeTest#first").output();
        assertThat(printed).contains("resource:none").contains("files:0").contains("reflection:denied");
        assertThat(printed).doesNotContain("FOUND");
        assertThat(report.output()).doesNotContain("hidden-test-marker");
        assertThat(report.score()).isEqualTo(100.0);
    }
}
