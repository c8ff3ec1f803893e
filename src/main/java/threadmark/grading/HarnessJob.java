package threadmark.grading;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Everything the harness needs for one run, encoded for its stdin as graders/PROTOCOL.md describes. */
public record HarnessJob(
        byte[] secret,
        String runId,
        int testTimeoutMillis,
        int totalTimeoutMillis,
        Map<String, String> sources,
        Map<String, byte[]> testClasses,
        List<String> testClassesToRun,
        Map<String, byte[]> referenceClasses) {

    private static final int MAGIC = 0x544D4A31;

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(secret.length);
            out.write(secret);
            out.writeUTF(runId);
            out.writeInt(testTimeoutMillis);
            out.writeInt(totalTimeoutMillis);
            out.writeInt(sources.size());
            for (Map.Entry<String, String> source : sources.entrySet()) {
                out.writeUTF(source.getKey());
                byte[] content = source.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeInt(content.length);
                out.write(content);
            }
            out.writeInt(testClasses.size());
            for (Map.Entry<String, byte[]> testClass : testClasses.entrySet()) {
                out.writeUTF(testClass.getKey());
                out.writeInt(testClass.getValue().length);
                out.write(testClass.getValue());
            }
            out.writeInt(testClassesToRun.size());
            for (String name : testClassesToRun) {
                out.writeUTF(name);
            }
            out.writeInt(referenceClasses.size());
            for (Map.Entry<String, byte[]> referenceClass : referenceClasses.entrySet()) {
                out.writeUTF(referenceClass.getKey());
                out.writeInt(referenceClass.getValue().length);
                out.write(referenceClass.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
