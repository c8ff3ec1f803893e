package threadmark.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the harness's signed result lines. A line counts only if its HMAC verifies with this run's secret
 * and its sequence number is the next one, so student code printing look-alike lines earns nothing.
 */
public final class HarnessOutputReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secret;
    private final String runId;
    private Mac hmac;

    public HarnessOutputReader(byte[] secret, String runId) {
        this.secret = secret.clone();
        this.runId = runId;
    }

    public HarnessReport read(List<String> lines) {
        HarnessReport.Compile compile = null;
        Map<String, HarnessReport.TestEvent> tests = new LinkedHashMap<>();
        Map<String, String> failedClasses = new LinkedHashMap<>();
        String timeout = null;
        String threadDump = null;
        String timeoutUnmeasured = null;
        String error = null;
        boolean done = false;
        long testsMillis = 0;
        Map<String, Long> cpuMillis = new LinkedHashMap<>();
        int rejected = 0;
        long expectedSeq = 0;
        for (String line : lines) {
            JsonNode event = verified(line, expectedSeq);
            if (event == null) {
                rejected++;
                continue;
            }
            expectedSeq++;
            switch (event.path("type").asText()) {
                case "compile" -> compile = new HarnessReport.Compile(event.path("ok").asBoolean(),
                        event.path("durationMillis").asLong(), compileErrors(event.path("errors")));
                case "test" -> {
                    HarnessReport.TestEvent test = new HarnessReport.TestEvent(event.path("id").asText(),
                            event.path("displayName").asText(), event.path("status").asText(),
                            text(event, "message"), event.path("durationMillis").asLong(), text(event, "output"));
                    tests.put(test.id(), test);
                }
                case "container" -> failedClasses.put(event.path("id").asText(), text(event, "message"));
                case "timeout" -> {
                    timeout = text(event, "message");
                    threadDump = text(event, "threadDump");
                    timeoutUnmeasured = text(event, "unmeasured");
                }
                case "error" -> error = text(event, "message");
                case "done" -> {
                    done = true;
                    testsMillis = event.path("testsMillis").asLong();
                    for (String part : List.of("BeforeJob", "Compile", "Tests")) {
                        JsonNode millis = event.path("cpu" + part + "Millis");
                        if (millis.isNumber() && millis.asLong() >= 0) {
                            cpuMillis.put("cpu" + part + "Millis", millis.asLong());
                        }
                    }
                }
                default -> rejected++;
            }
        }
        return new HarnessReport(compile, tests, failedClasses, timeout, threadDump, timeoutUnmeasured, error, done, testsMillis,
                cpuMillis, rejected);
    }

    /** Whether the line was signed with this run's secret, whatever its place in the sequence. */
    public boolean isAuthentic(String line) {
        String[] parts = line.trim().split(" ");
        return parts.length == 4 && parts[0].equals("@@threadmark") && macMatches(parts[1], parts[2], parts[3]);
    }

    private boolean macMatches(String seq, String payload, String hexMac) {
        try {
            return MessageDigest.isEqual(mac(runId + " " + seq + " " + payload), HexFormat.of().parseHex(hexMac));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private JsonNode verified(String line, long expectedSeq) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 4 || !parts[0].equals("@@threadmark") || !parts[1].equals(Long.toString(expectedSeq))) {
            return null;
        }
        if (!macMatches(parts[1], parts[2], parts[3])) {
            return null;
        }
        try {
            return JSON.readTree(Base64.getDecoder().decode(parts[2]));
        } catch (Exception e) {
            return null;
        }
    }

    /** One Mac per reader: a flood of forged lines is checked line by line as it arrives. */
    private synchronized byte[] mac(String text) {
        try {
            if (hmac == null) {
                hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            }
            return hmac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CompileError> compileErrors(JsonNode errors) {
        List<CompileError> result = new ArrayList<>();
        // line and column are null when javac knows no position (e.g. a clash with a generated class name).
        errors.forEach(e -> result.add(new CompileError(text(e, "file"), e.path("line").asLong(0),
                e.path("column").asLong(0), e.path("message").asText())));
        return result;
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
