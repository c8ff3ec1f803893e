package threadmark.harness;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a job in the binary format of PROTOCOL.md, as the server does. */
public final class JobBuilder {
    private final byte[] secret = new byte[32];
    private String runId = "42-1";
    private int testTimeoutMillis = 10_000;
    private int totalTimeoutMillis = 60_000;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> testClasses = new LinkedHashMap<>();
    private final List<String> testClassesToRun = new ArrayList<>();
    private final Map<String, byte[]> referenceClasses = new LinkedHashMap<>();

    public JobBuilder() {
        new SecureRandom().nextBytes(secret);
    }

    public byte[] secret() {
        return secret.clone();
    }

    public String runId() {
        return runId;
    }

    public JobBuilder runId(String value) {
        runId = value;
        return this;
    }

    public JobBuilder testTimeoutMillis(int value) {
        testTimeoutMillis = value;
        return this;
    }

    public JobBuilder totalTimeoutMillis(int value) {
        totalTimeoutMillis = value;
        return this;
    }

    public JobBuilder source(String fileName, String text) {
        sources.put(fileName, text);
        return this;
    }

    public JobBuilder testClasses(Map<String, byte[]> classFiles) {
        testClasses.putAll(classFiles);
        return this;
    }

    public JobBuilder referenceClasses(Map<String, byte[]> classFiles) {
        referenceClasses.putAll(classFiles);
        return this;
    }

    public JobBuilder run(String testClassName) {
        testClassesToRun.add(testClassName);
        return this;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x544D4A31);
            out.writeInt(secret.length);
            out.write(secret);
            out.writeUTF(runId);
            out.writeInt(testTimeoutMillis);
            out.writeInt(totalTimeoutMillis);
            out.writeInt(sources.size());
            for (Map.Entry<String, String> source : sources.entrySet()) {
                byte[] text = source.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeUTF(source.getKey());
                out.writeInt(text.length);
                out.write(text);
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
