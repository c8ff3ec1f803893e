package threadmark.sandbox;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCollectorTest {

    @Test
    void protocolLineGluedToTheEndOfAnEndlessLineIsStillFound() {
        OutputCollector collector = new OutputCollector(1024);
        byte[] flood = new byte[64 * 1024];
        Arrays.fill(flood, (byte) 'y');
        for (int i = 0; i < 50; i++) {
            collector.onNext(new Frame(StreamType.STDOUT, flood));
        }
        // The prefix split across two frames, as the attach stream may deliver it.
        collector.onNext(new Frame(StreamType.STDOUT, "yyy@@thread".getBytes(StandardCharsets.US_ASCII)));
        collector.onNext(new Frame(StreamType.STDOUT, "mark 0 e30= abcd\n".getBytes(StandardCharsets.US_ASCII)));
        collector.onNext(new Frame(StreamType.STDOUT, "@@threadmark 1 e30= ef01\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(collector.protocolLines()).containsExactly("@@threadmark 0 e30= abcd", "@@threadmark 1 e30= ef01");
        assertThat(collector.truncated()).isTrue();
        assertThat(collector.stdout()).hasSize(1024).matches("y+");
    }

    @Test
    void aProtocolLineOfTheDocumentedMaximumIsKept() {
        // graders/PROTOCOL.md: a result line is at most 1 MiB, newline included; the harness caps its events to fit.
        assertThat(OutputCollector.MAX_LINE_BYTES).isEqualTo(1 << 20);
        OutputCollector collector = new OutputCollector(1024);
        String head = "@@threadmark 0 ";
        String tail = " abcd\n";
        String line = head + "A".repeat(OutputCollector.MAX_LINE_BYTES - head.length() - tail.length()) + tail;
        for (int i = 0; i < line.length(); i += 64 * 1024) {
            collector.onNext(new Frame(StreamType.STDOUT,
                    line.substring(i, Math.min(line.length(), i + 64 * 1024)).getBytes(StandardCharsets.US_ASCII)));
        }

        assertThat(collector.protocolLines()).singleElement().satisfies(kept -> assertThat(kept).hasSize(line.length() - 1));
    }

    @Test
    void endlessLineWithoutProtocolIsOutputOnly() {
        OutputCollector collector = new OutputCollector(1 << 20);
        byte[] flood = new byte[600 * 1024];
        Arrays.fill(flood, (byte) 'x');
        for (int i = 0; i < 4; i++) {
            collector.onNext(new Frame(StreamType.STDOUT, flood));
        }
        collector.onNext(new Frame(StreamType.STDOUT, "\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(collector.protocolLines()).isEmpty();
        assertThat(collector.stdout()).hasSize(1 << 20);
        assertThat(collector.truncated()).isTrue();
    }

    @Test
    void aFloodOfForgedProtocolLinesCannotCrowdOutTheRealOnes() {
        // The real harness signs its lines; here "real" is whatever ends in a MAC of "ok".
        OutputCollector collector = new OutputCollector(1024, line -> line.endsWith(" ok"));
        byte[] forged = "@@threadmark 0 e30= cdcdcdcd\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 50_000; i++) {
            collector.onNext(new Frame(StreamType.STDOUT, forged));
        }
        collector.onNext(new Frame(StreamType.STDOUT, "@@threadmark 0 e30= ok\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(collector.protocolLines()).containsExactly("@@threadmark 0 e30= ok");
        assertThat(collector.stdout()).startsWith("@@threadmark 0 e30= cdcdcdcd");
        assertThat(collector.truncated()).isTrue();
    }
}
