package threadmark.harness.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Takes the place of {@code System.out} and {@code System.err}: keeps the first {@value #LIMIT} bytes printed since
 * the last reset and counts the rest. One buffer serves all threads, since student code prints from its own threads.
 */
public final class OutputCapture extends OutputStream {
    static final int LIMIT = 8 * 1024;

    private final byte[] buffer = new byte[LIMIT];
    private int size;
    private long dropped;

    /** Installs a fresh capture as {@code System.out} and {@code System.err}. */
    public static OutputCapture install() {
        OutputCapture capture = new OutputCapture();
        PrintStream stream = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
        return capture;
    }

    @Override
    public synchronized void write(int b) {
        if (size < LIMIT) {
            buffer[size++] = (byte) b;
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int kept = Math.min(length, LIMIT - size);
        System.arraycopy(bytes, offset, buffer, size, kept);
        size += kept;
        dropped += length - kept;
    }

    /** Forgets everything printed so far. */
    public synchronized void reset() {
        size = 0;
        dropped = 0;
    }

    /** What was printed since the last reset, with a note if some of it was cut off; then resets. */
    public synchronized String takeAndReset() {
        String text = new String(buffer, 0, size, StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "\n[output truncated: " + dropped + " more bytes not shown]";
        }
        reset();
        return text;
    }
}
