package threadmark.grading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import threadmark.format.ExerciseDefinition;
import threadmark.sandbox.SandboxRun;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static threadmark.grading.SandboxFixture.FIXTURES;

/**
 * What the server makes of a total timeout that the harness signed as the host's doing (it starved the run): the
 * tests without a result are unmeasured, a compile that had not finished is no compile failure, and the same
 * timeout without that signed word stays the student's. The harness half is proven in its StarvationIT.
 */
@Tag("sandbox")
class StarvedTimeoutScoringTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String RUN = "s1-g1-a1";
    private static final String STARVED = "Inconclusive measurement: the machine was too busy to tell whether your code"
            + " is slow: 97% of the time your threads were ready to run but got no CPU, and the run got 3% of the CPU"
            + " time it was entitled to";
    private static final ExerciseDefinition PROBE = SandboxFixture.exercise(FIXTURES.resolve("probe")).definition();

    @Test
    void aStarvedTotalTimeoutLeavesTheUnfinishedTestsUnmeasuredAndKeepsTheFinishedOnes() throws Exception {
        GradeReport report = score(
                "{\"type\":\"compile\",\"ok\":true,\"durationMillis\":700}",
                "{\"type\":\"test\",\"id\":\"ProbeTest#first\",\"displayName\":\"first()\",\"status\":\"PASSED\",\"durationMillis\":5}",
                timeout(STARVED));

        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.UNMEASURED);
        assertThat(report.test("ProbeTest#second").message()).startsWith("Not measured yet").contains(STARVED);
        assertThat(report.isProvisional()).isTrue();
        assertThat(report.summary()).contains("50 of 100 points so far").contains("could not be measured fairly")
                .doesNotContain("deadlock");
    }

    @Test
    void aCompileTheHostStarvedUntilTheTotalTimeoutIsNoCompileFailure() throws Exception {
        GradeReport report = score(timeout(STARVED));

        assertThat(report.outcome()).isNotEqualTo(GradeReport.Outcome.COMPILE_FAILED);
        assertThat(report.compileErrors()).isEmpty();
        assertThat(report.tests()).extracting(GradeReport.TestVerdict::status)
                .containsOnly(GradeReport.Status.UNMEASURED);
        assertThat(report.isProvisional()).isTrue();
    }

    @Test
    void aTotalTimeoutWithoutTheHarnesssSignedWordStaysTheStudentsWhateverTheMessageSays() throws Exception {
        GradeReport report = score(
                "{\"type\":\"compile\",\"ok\":true,\"durationMillis\":700}",
                "{\"type\":\"timeout\",\"message\":\"tests did not finish within 12 s\\nYour threads at that moment:\\n"
                        + "  \\\"" + STARVED + "\\\" RUNNABLE\",\"threadDump\":\"\"}");

        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.MISSING);
        assertThat(report.isProvisional()).isFalse();
        assertThat(report.summary()).contains("Look for a deadlock");
    }

    private static String timeout(String unmeasured) {
        return "{\"type\":\"timeout\",\"message\":\"tests did not finish within 12 s\",\"threadDump\":\"\","
                + "\"unmeasured\":\"" + unmeasured + "\"}";
    }

    private static GradeReport score(String... events) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String event : events) {
            lines.add(line(lines.size(), event));
        }
        HarnessReport report = new HarnessOutputReader(SECRET, RUN).read(lines);
        SandboxRun run = new SandboxRun(SandboxRun.Ending.EXITED, 3, lines, "", "", false,
                new SandboxRun.Timings(1, 1, 12_000, 1));
        return Scorer.score(PROBE, report, run, 256);
    }

    private static String line(long seq, String json) throws Exception {
        String payload = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String signature = HexFormat.of().formatHex(
                mac.doFinal((RUN + " " + seq + " " + payload).getBytes(StandardCharsets.US_ASCII)));
        return "@@threadmark " + seq + " " + payload + " " + signature;
    }
}
