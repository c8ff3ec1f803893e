package threadmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line grader: same sandbox, no server, no database. */
@Tag("sandbox")
class ThreadmarkCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new ThreadmarkCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void gradesAFolderAndPrintsJson() throws Exception {
        int code = run("grade", "exercises/race-counter", "exercises/race-counter/solutions/lock-per-call");
        assertThat(code).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.path("maxScore").asDouble()).isEqualTo(100.0);
        assertThat(report.path("score").asDouble()).isLessThan(100.0);
        assertThat(report.path("summary").asText()).contains("increments were lost");
    }

    @Test
    void aTestThatCouldNotBeMeasuredIsAProvisionalResultWithItsOwnExitCodeNotASandboxFailure() throws Exception {
        int code = run("grade", "src/test/resources/fixtures/probe", "src/test/resources/fixtures/hostile/fake-inconclusive");
        assertThat(code).as(err.toString()).isEqualTo(ThreadmarkCli.BUSY);
        assertThat(err.toString()).doesNotContain("The sandbox failed")
                .contains("Not a final result: this machine was too busy to measure ProbeTest#first fairly");
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.path("score").asDouble()).isEqualTo(50.0);
        assertThat(report.path("provisional").asBoolean()).isTrue();
        assertThat(report.path("tests").get(0).path("status").asText()).isEqualTo("UNMEASURED");
        assertThat(report.path("tests").get(1).path("status").asText()).isEqualTo("PASSED");
    }

    @Test
    void missingFileIsAUsageErrorWithASentence() {
        assertThat(run("grade", "exercises/race-counter", "no/such/folder")).isEqualTo(2);
        assertThat(err.toString()).contains("no such file or folder: no/such/folder");
    }

    @Test
    void sourceThatIsNotUtf8IsAUsageErrorWithASentence() {
        assertThat(run("grade", "src/test/resources/fixtures/probe", "src/test/resources/fixtures/hostile/non-utf8-code"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("non-utf8-code/Probe.java is not UTF-8 text: save it as UTF-8");
    }

    @Test
    void auditPrintsEachPromiseWithItsTestsAndKnownBads() {
        assertThat(run("audit", "exercises/race-counter", "exercises/README.md")).as(err.toString()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("## race-counter: ",
                "| a new counter reads 0 | `CounterBasicsTest#startsAtZero` (10) | `starts-at-one` |");
    }

    @Test
    void feedbackRuPrintsWhatARussianReaderReadsAndNamesTheLinesThatStayedEnglish() {
        String race = "AssertionError: 3 of 1,000 increments were lost: two threads read the same value and both wrote "
                + "value + 1. Make increment() atomic: synchronized, one shared lock, or AtomicLong.incrementAndGet(). "
                + "(seen in trial 2: 4 threads incremented one counter at the same moment for 15 ms)";
        ThreadmarkCli cli = new ThreadmarkCli(new ByteArrayInputStream((race + "\nA sentence of nobody's.\n")
                .getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(cli.run(new String[] {"feedback-ru", "exercises/race-counter"})).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 из 1,000", "AtomicLong.incrementAndGet()")
                .doesNotContain("were lost", "seen in trial");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("stayed English: A sentence of nobody's.\n");
    }

    @Test
    void auditFailsForAnExerciseThatRecordsNoPromises() {
        assertThat(run("audit", "src/test/resources/fixtures/probe")).isEqualTo(1);
        assertThat(err.toString()).contains("no promises recorded in exercise.yaml of: probe");
    }

    @Test
    void plainFilesAmongTheFoldersAreNotExercises() {
        assertThat(run("validate", "exercises/README.md", "exercises/AUDIT.md")).isEqualTo(2);
        assertThat(err.toString()).contains("name the exercise folders to validate");
    }

    @Test
    void unknownCommandPrintsUsage() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("usage: threadmark grade");
    }

    @Test
    void invalidExerciseFolderIsReported() {
        assertThat(run("validate", "src/test/resources/fixtures/hostile")).isEqualTo(2);
        assertThat(err.toString()).contains("missing exercise.yaml");
    }

    @Test
    void repeatedValidationComparesVerdictsAcrossRunsAndShowsHowOftenEachKnownBadWasCaught() {
        int code = run("validate", "--repeat", "2", "exercises/race-counter");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("--- run 2 of 2")
                .contains("how often each known-bad of race-counter was caught (2 runs):")
                .containsPattern("\\n  unsynchronized CounterRaceTest#\\w+: caught 2/2, in trial \\d+, \\d+\\n")
                .contains("stable: 2 runs, every test's verdict identical in every run that measured it");
    }

    @Test
    void badRepeatCountIsAUsageError() {
        assertThat(run("validate", "--repeat", "lots", "exercises/race-counter")).isEqualTo(2);
        assertThat(err.toString()).contains("--repeat wants a number of runs from 1 to 100");
    }
}
