package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import threadmark.harness.ResultVerifier;

class ResultWriterTest {
    private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void signsEachLineWithTheRunIdAndConsecutiveSeq() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriter(out, secret.clone(), "42-1");
        writer.emit(new JsonObject().put("type", "compile").put("ok", true).put("durationMillis", 5));
        writer.emit(Events.done(17));

        String stdout = out.toString(StandardCharsets.US_ASCII);
        String[] lines = stdout.split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("@@threadmark 0 "), lines[0]);
        String payload = lines[1].split(" ")[2];
        assertEquals(ResultVerifier.mac(secret, "42-1 1 " + payload), lines[1].split(" ")[3]);

        ResultVerifier.Verified verified = ResultVerifier.verify(stdout, secret, "42-1");
        assertEquals(List.of(Map.of("type", "compile", "ok", true, "durationMillis", 5L),
                Map.of("type", "done", "testsMillis", 17L)), verified.events());
        assertTrue(ResultVerifier.verify(stdout, secret, "42-2").events().isEmpty(), "bound to the run id");
    }

    @Test
    void noEventIsWrittenLongerThanTheServerKeeps() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriter(out, secret.clone(), "9-1");
        String huge = "Entry<Entry<Integer,\u0000>>".repeat(200_000);
        writer.emit(Events.test("T#t", "t()", TestStatus.FAILED, 1, huge, huge));
        List<JsonObject> errors = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            errors.add(new JsonObject().put("file", "A.java").put("message", huge));
        }
        writer.emit(new JsonObject().put("type", "compile").put("ok", false).put("errors", errors));
        List<JsonObject> endless = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            endless.add(new JsonObject().put("message", "x"));
        }
        writer.emit(new JsonObject().put("type", "compile").put("ok", false).put("errors", endless));

        String stdout = out.toString(StandardCharsets.US_ASCII);
        for (String line : stdout.split("\n")) {
            assertTrue(line.length() + 1 <= ResultWriter.MAX_LINE_BYTES, "line of " + line.length() + " bytes");
        }
        ResultVerifier.Verified verified = ResultVerifier.verify(stdout, secret, "9-1");
        assertEquals(3, verified.events().size());
        String message = (String) verified.events().get(0).get("message");
        assertTrue(message.startsWith("Entry<Entry<Integer,\u0000>>") && message.endsWith(JsonObject.TRUNCATED), message);
        assertTrue(((List<?>) verified.events().get(1).get("errors")).size() == 100);
        assertEquals("error", verified.events().get(2).get("type"));
    }

    @Test
    void wipesTheCallersSecret() {
        byte[] copy = secret.clone();
        new ResultWriter(new ByteArrayOutputStream(), copy, "1-1");
        assertEquals(0, copy[0] | copy[31]);
    }

    @Test
    void linesFromManyThreadsNeverInterleave() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriter(out, secret.clone(), "7-1");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    writer.emit(Events.error("x".repeat(i)));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        ResultVerifier.Verified verified = ResultVerifier.verify(out.toString(StandardCharsets.US_ASCII), secret, "7-1");
        assertEquals(800, verified.events().size());
        assertTrue(verified.rejectedLines().isEmpty());
    }
}
