package threadmark.sandbox;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Collects a container's attached output. Lines that start with the protocol prefix are kept (bounded);
 * other output is kept up to a cap and then dropped, so 100 MB of student output costs no memory.
 */
final class OutputCollector extends ResultCallback.Adapter<Frame> {

    static final String PROTOCOL_PREFIX = "@@threadmark ";
    private static final int MAX_PROTOCOL_LINES = 10_000;
    /** The longest protocol line kept, newline included; the harness's ResultWriter never writes a longer one (PROTOCOL.md). */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final byte[] PREFIX_BYTES = PROTOCOL_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private final int limitBytes;
    private Predicate<String> protocolLine;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream currentLine = new ByteArrayOutputStream();
    private final List<String> protocolLines = new ArrayList<>();
    private boolean truncated;
    private volatile boolean ended;

    OutputCollector(int limitBytes) {
        this(limitBytes, line -> true);
    }

    OutputCollector(int limitBytes, Predicate<String> protocolLine) {
        this.limitBytes = limitBytes;
        this.protocolLine = protocolLine;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null) {
            return;
        }
        if (frame.getStreamType() == StreamType.STDERR) {
            keep(stderr, payload, 0, payload.length);
            return;
        }
        int lineStart = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n') {
                appendToLine(payload, lineStart, i - lineStart);
                endLine();
                lineStart = i + 1;
            }
        }
        appendToLine(payload, lineStart, payload.length - lineStart);
    }

    private void appendToLine(byte[] bytes, int offset, int length) {
        if (currentLine.size() + length <= MAX_LINE_BYTES) {
            currentLine.write(bytes, offset, length);
            return;
        }
        // An endless line is student output, but the harness may glue a protocol line to its end: keep only the
        // tail from the last prefix (or the few bytes that may begin one) and pass the rest on as output.
        byte[] line = new byte[currentLine.size() + length];
        System.arraycopy(currentLine.toByteArray(), 0, line, 0, currentLine.size());
        System.arraycopy(bytes, offset, line, currentLine.size(), length);
        currentLine.reset();
        int prefix = lastIndexOf(line, PREFIX_BYTES);
        int keepFrom = prefix >= 0 && line.length - prefix <= MAX_LINE_BYTES
                ? prefix : Math.max(0, line.length - (PREFIX_BYTES.length - 1));
        keep(stdout, line, 0, keepFrom);
        currentLine.write(line, keepFrom, line.length - keepFrom);
    }

    private static int lastIndexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = bytes.length - part.length; i >= 0; i--) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void endLine() {
        String line = currentLine.toString(StandardCharsets.UTF_8);
        currentLine.reset();
        // Student output written without a newline can be glued in front of a protocol line: split it off.
        int protocolStart = line.lastIndexOf(PROTOCOL_PREFIX);
        if (protocolStart >= 0 && protocolLines.size() < MAX_PROTOCOL_LINES
                && protocolLine.test(line.substring(protocolStart))) {
            protocolLines.add(line.substring(protocolStart));
            if (protocolStart > 0) {
                byte[] glued = (line.substring(0, protocolStart) + "\n").getBytes(StandardCharsets.UTF_8);
                keep(stdout, glued, 0, glued.length);
            }
        } else {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            keep(stdout, bytes, 0, bytes.length);
        }
    }

    private void keep(ByteArrayOutputStream target, byte[] bytes, int offset, int length) {
        int room = limitBytes - target.size();
        if (length > room) {
            truncated = true;
            length = Math.max(room, 0);
        }
        target.write(bytes, offset, length);
    }

    /** Whether the stream has ended (the container's process exited), without waiting and without closing it. */
    boolean ended() {
        return ended;
    }

    @Override
    public void onComplete() {
        ended = true;
        super.onComplete();
    }

    @Override
    public void onError(Throwable throwable) {
        ended = true;
        super.onError(throwable);
    }

    /** Which lines are the harness's from now on: a container started before its job knew no run's secret yet. */
    synchronized void expect(Predicate<String> authentic) {
        protocolLine = authentic;
    }

    synchronized List<String> protocolLines() {
        if (currentLine.size() > 0) {
            endLine();
        }
        return List.copyOf(protocolLines);
    }

    synchronized String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    synchronized String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
