package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {
    @Test
    void keepsWhatWasPrintedSinceTheLastReset() {
        OutputCapture capture = new OutputCapture();
        capture.write("before".getBytes(StandardCharsets.UTF_8), 0, 6);
        capture.reset();
        capture.write('a');
        capture.write("bcä".getBytes(StandardCharsets.UTF_8), 0, 4);

        assertEquals("abcä", capture.takeAndReset());
        assertEquals("", capture.takeAndReset());
    }

    @Test
    void cutsOffAtTheLimitAndSaysHowMuchWasDropped() {
        OutputCapture capture = new OutputCapture();
        byte[] chunk = "y".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        capture.write(chunk, 0, chunk.length);
        capture.write(chunk, 0, chunk.length);
        capture.write('z');

        assertEquals("y".repeat(OutputCapture.LIMIT) + "\n[output truncated: 1809 more bytes not shown]",
                capture.takeAndReset());
    }
}
