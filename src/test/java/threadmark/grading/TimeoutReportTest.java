package threadmark.grading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import threadmark.format.ExerciseFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static threadmark.grading.SandboxFixture.FIXTURES;

/**
 * What a student is told when their code hangs, graded through the real sandbox: where each of their threads was
 * when the per-test timeout (JUnit's) or the total timeout (the watchdog's) struck, so that they can act on it.
 */
@Tag("sandbox")
class TimeoutReportTest {

    @Test
    void aTestTimeoutSaysWhereTheStudentsThreadsWere() {
        ExerciseFolder hangProbe = SandboxFixture.exercise(FIXTURES.resolve("hang-probe"));
        // count() spins for ever from 128 on; consumeOne() waits on a consumer whose item never comes. Each meets
        // the 4 s test timeout.
        GradeReport report = SandboxFixture.grade(hangProbe,
                SandboxFixture.javaFiles(FIXTURES.resolve("hostile/hangs-with-threads")));

        assertThat(report.score()).isZero();
        assertThat(report.test("HangTest#a_spins").message())
                .startsWith("TimeoutException: a_spins() timed out after 4000 milliseconds\n"
                        + "Your threads at that moment (\"junit-timeout-thread-1\" ran the test):\n"
                        + "  \"junit-timeout-thread-1\" RUNNABLE (running, not waiting: an endless loop, or a spin"
                        + " that never sees what it waits for?)")
                .containsPattern("\n    at Hang\\.increment\\(Hang\\.java:(1[7-9]|2[0-2])\\)");
        assertThat(report.test("HangTest#b_waits").message())
                .startsWith("TimeoutException: b_waits() timed out after 4000 milliseconds\nYour threads at that moment")
                .contains("\n  \"junit-timeout-thread-2\" WAITING in Thread.join()\n"
                        + "    at Hang.consumeOne(Hang.java:39)")
                .containsPattern("\n  \"consumer\" WAITING in LinkedBlockingQueue\\.take\\(\\) on \\S+\n"
                        + "    at Hang\\.lambda\\$consumeOne\\$0\\(Hang\\.java:29\\)");
    }

    @Test
    void theTotalTimeoutSaysWhereTheStudentsThreadsWere() {
        ExerciseFolder probe = SandboxFixture.exercise(FIXTURES.resolve("probe"));
        GradeReport report = SandboxFixture.grade(probe, SandboxFixture.javaFiles(FIXTURES.resolve("hostile/hang-everything")));

        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TIMED_OUT);
        GradeReport.TestVerdict unfinished = report.tests().stream()
                .filter(t -> t.status() == GradeReport.Status.MISSING).findFirst().orElseThrow();
        assertThat(unfinished.message()).contains("(tests did not finish within 12 s)\nYour threads at that moment:\n")
                .containsPattern("RUNNABLE \\(running, not waiting[^\n]*\n    at Probe\\.(first|second)\\(Probe\\.java:(5|6|7|11|12|13)\\)");
        assertThat(report.summary()).contains("time limit of 12 s").doesNotContain("Your threads");
    }
}
