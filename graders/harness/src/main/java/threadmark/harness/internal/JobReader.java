package threadmark.harness.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the binary job format of PROTOCOL.md from a stream. */
public final class JobReader {
    public static final int MAGIC = 0x544D4A31;
    private static final int MAX_COUNT = 10_000;
    private static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final int MAX_SECRET_BYTES = 1024;

    private JobReader() {
    }

    /** Reads exactly one job; does not wait for end of stream after it. */
    public static Job read(InputStream stream) throws BadJobException {
        DataInputStream in = new DataInputStream(stream);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new BadJobException("bad magic 0x" + Integer.toHexString(magic) + ", expected 0x544d4a31 (TMJ1)");
            }
            byte[] secret = readBytes(in, "secret", MAX_SECRET_BYTES);
            if (secret.length == 0) {
                throw new BadJobException("empty secret");
            }
            String runId = in.readUTF();
            int testTimeoutMillis = positive(in.readInt(), "testTimeoutMillis");
            int totalTimeoutMillis = positive(in.readInt(), "totalTimeoutMillis");

            int sourceCount = count(in.readInt(), "sources");
            List<SourceFile> sources = new ArrayList<>(sourceCount);
            Set<String> sourceNames = new HashSet<>();
            for (int i = 0; i < sourceCount; i++) {
                String name = in.readUTF();
                if (!name.endsWith(".java") || name.startsWith("/") || name.contains("\\")) {
                    throw new BadJobException("bad source file name: " + name);
                }
                if (!sourceNames.add(name)) {
                    throw new BadJobException("duplicate source file: " + name);
                }
                sources.add(new SourceFile(name, new String(readBytes(in, name, MAX_BYTES), StandardCharsets.UTF_8)));
            }

            int classCount = count(in.readInt(), "test classes");
            Map<String, byte[]> testClassFiles = new HashMap<>();
            for (int i = 0; i < classCount; i++) {
                String name = in.readUTF();
                if (name.isEmpty() || testClassFiles.put(name, readBytes(in, name, MAX_BYTES)) != null) {
                    throw new BadJobException("empty or duplicate test class name: '" + name + "'");
                }
            }

            int runCount = count(in.readInt(), "test class names to run");
            List<String> toRun = new ArrayList<>(runCount);
            for (int i = 0; i < runCount; i++) {
                String name = in.readUTF();
                if (!testClassFiles.containsKey(name)) {
                    throw new BadJobException("test class to run is not among the test classes: " + name);
                }
                toRun.add(name);
            }

            int referenceCount = count(in.readInt(), "reference classes");
            Map<String, byte[]> referenceClassFiles = new HashMap<>();
            for (int i = 0; i < referenceCount; i++) {
                String name = in.readUTF();
                if (name.isEmpty() || referenceClassFiles.put(name, readBytes(in, name, MAX_BYTES)) != null) {
                    throw new BadJobException("empty or duplicate reference class name: '" + name + "'");
                }
            }
            return new Job(secret, runId, testTimeoutMillis, totalTimeoutMillis, List.copyOf(sources),
                    testClassFiles, List.copyOf(toRun), referenceClassFiles);
        } catch (EOFException e) {
            throw new BadJobException("job ended early (truncated input)");
        } catch (IOException e) {
            throw new BadJobException("cannot read job: " + e);
        }
    }

    private static byte[] readBytes(DataInputStream in, String what, int max) throws IOException, BadJobException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new BadJobException("bad length " + length + " for " + what);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static int count(int value, String what) throws BadJobException {
        if (value < 0 || value > MAX_COUNT) {
            throw new BadJobException("bad count " + value + " for " + what);
        }
        return value;
    }

    private static int positive(int value, String what) throws BadJobException {
        if (value <= 0) {
            throw new BadJobException(what + " must be positive, was " + value);
        }
        return value;
    }
}
