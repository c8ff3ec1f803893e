package threadmark.harness.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Writes signed result lines ({@code @@threadmark <seq> <payload> <mac>}) to the real stdout. All methods lock this
 * object, so lines from the test thread and the watchdog never interleave, and after the final line nothing more
 * can be written.
 */
public final class ResultWriter {
    /**
     * The longest result line, newline included, that the server keeps (its OutputCollector.MAX_LINE_BYTES; see
     * PROTOCOL.md). An event that would not fit is written again with its strings shortened.
     */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final String PREFIX = "@@threadmark ";

    private final OutputStream out;
    private final OffHeapHmac mac;
    private final String runId;
    private long seq;
    private boolean finished;

    /** Takes the secret into native memory (see {@link OffHeapHmac}) and wipes the caller's copy. */
    public ResultWriter(OutputStream realStdout, byte[] secret, String runId) {
        this.out = realStdout;
        this.runId = runId;
        this.mac = new OffHeapHmac(secret);
    }

    /** Writes one event; ignored once the final event was written. */
    public synchronized void emit(JsonObject event) {
        if (!finished) {
            writeLine(event);
        }
    }

    /**
     * Writes the final event and halts the JVM while still holding the lock, so no later line can follow it.
     * Halting (not exiting) keeps student shutdown hooks and non-daemon threads from running on.
     */
    public synchronized void emitFinalAndHalt(JsonObject event, int status) {
        try {
            if (!finished) {
                finished = true;
                writeLine(event);
            }
        } catch (Throwable ignored) {
            // Nothing left to report to: the exit status still tells the server.
        } finally {
            Runtime.getRuntime().halt(status);
        }
    }

    private void writeLine(JsonObject event) {
        // Rendering strings of many megabytes in full only to find the line too long would cost seconds: skip that.
        byte[] line = event.stringChars() < MAX_LINE_BYTES ? line(event.toString()) : null;
        if (line == null || line.length > MAX_LINE_BYTES) {
            // Share what Base64 leaves of a line among the strings, then halve for escapes and multi-byte text.
            int skeleton = event.toString(0).length();
            long room = (MAX_LINE_BYTES - 256) / 4 * 3 - skeleton;
            for (long cap = room / Math.max(1, event.stringCount());
                    (line == null || line.length > MAX_LINE_BYTES) && cap >= 16; cap /= 2) {
                line = line(event.toString((int) cap));
            }
        }
        if (line == null || line.length > MAX_LINE_BYTES) {
            line = line(Events.error("the harness produced an event too large to report").toString());
        }
        try {
            // One write call per line: student code may write to fd 1 as well, and a pipe keeps single writes of up
            // to PIPE_BUF bytes whole.
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result line", e);
        }
        seq++;
    }

    private byte[] line(String json) {
        String payload = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String signed = runId + " " + seq + " " + payload;
        String hex = HexFormat.of().formatHex(mac.mac(signed.getBytes(StandardCharsets.UTF_8)));
        return (PREFIX + seq + " " + payload + " " + hex + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
