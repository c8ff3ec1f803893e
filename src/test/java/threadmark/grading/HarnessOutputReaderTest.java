package threadmark.grading;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HarnessOutputReaderTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String RUN = "s1-g1-a1";

    private static String line(byte[] key, String run, long seq, String json) throws Exception {
        String payload = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((run + " " + seq + " " + payload).getBytes(StandardCharsets.US_ASCII)));
        return "@@threadmark " + seq + " " + payload + " " + signature;
    }

    private static List<String> honestRun() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(line(SECRET, RUN, 0, "{\"type\":\"compile\",\"ok\":true,\"durationMillis\":700}"));
        lines.add(line(SECRET, RUN, 1, "{\"type\":\"test\",\"id\":\"T#a\",\"displayName\":\"a()\",\"status\":\"FAILED\",\"message\":\"boom\",\"durationMillis\":5}"));
        lines.add(line(SECRET, RUN, 2, "{\"type\":\"done\",\"testsMillis\":40,\"cpuBeforeJobMillis\":300,"
                + "\"cpuCompileMillis\":-1,\"cpuTestsMillis\":75}"));
        return lines;
    }

    @Test
    void signedLinesInSequenceAreRead() throws Exception {
        HarnessReport report = new HarnessOutputReader(SECRET, RUN).read(honestRun());
        assertThat(report.compile().ok()).isTrue();
        assertThat(report.tests().get("T#a").status()).isEqualTo("FAILED");
        assertThat(report.tests().get("T#a").message()).isEqualTo("boom");
        assertThat(report.done()).isTrue();
        assertThat(report.testsMillis()).isEqualTo(40);
        assertThat(report.cpuMillis()).as("a part the kernel could not tell is left out")
                .isEqualTo(Map.of("cpuBeforeJobMillis", 300L, "cpuTestsMillis", 75L));
        assertThat(report.rejectedLines()).isZero();
    }

    @Test
    void lineSignedWithAnotherKeyIsIgnored() throws Exception {
        List<String> lines = honestRun();
        byte[] guessed = new byte[32];
        lines.add(1, line(guessed, RUN, 1, "{\"type\":\"test\",\"id\":\"T#a\",\"displayName\":\"a()\",\"status\":\"PASSED\",\"durationMillis\":5}"));
        HarnessReport report = new HarnessOutputReader(SECRET, RUN).read(lines);
        assertThat(report.tests().get("T#a").status()).isEqualTo("FAILED");
        assertThat(report.rejectedLines()).isEqualTo(1);
    }

    @Test
    void replayedLineFromAnotherRunOrOutOfSequenceIsIgnored() throws Exception {
        List<String> lines = honestRun();
        lines.add(line(SECRET, "s9-g9-a1", 3, "{\"type\":\"test\",\"id\":\"T#b\",\"status\":\"PASSED\"}"));
        lines.add(line(SECRET, RUN, 1, "{\"type\":\"test\",\"id\":\"T#b\",\"status\":\"PASSED\"}"));
        HarnessReport report = new HarnessOutputReader(SECRET, RUN).read(lines);
        assertThat(report.tests()).doesNotContainKey("T#b");
        assertThat(report.rejectedLines()).isEqualTo(2);
    }

    @Test
    void tamperedPayloadIsIgnored() throws Exception {
        List<String> lines = honestRun();
        String failed = lines.get(1);
        String forgedPayload = Base64.getEncoder().encodeToString(
                "{\"type\":\"test\",\"id\":\"T#a\",\"status\":\"PASSED\"}".getBytes(StandardCharsets.UTF_8));
        String[] parts = failed.split(" ");
        lines.set(1, parts[0] + " " + parts[1] + " " + forgedPayload + " " + parts[3]);
        HarnessReport report = new HarnessOutputReader(SECRET, RUN).read(lines);
        assertThat(report.tests()).doesNotContainKey("T#a");
        assertThat(report.done()).isFalse();
    }
}
