package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import threadmark.harness.JobBuilder;

class JobReaderTest {
    private final JobBuilder builder = new JobBuilder()
            .runId("42-3")
            .testTimeoutMillis(1500)
            .totalTimeoutMillis(20_000)
            .source("Counter.java", "class Counter { /* Zähler */ }")
            .source("util/Helper.java", "package util; class Helper {}")
            .testClasses(Map.of("CounterTest", new byte[] {1, 2, 3}, "CounterTest$1", new byte[] {4}))
            .run("CounterTest")
            .referenceClasses(Map.of("Counter", new byte[] {5, 6}));

    @Test
    void readsEveryField() throws BadJobException {
        Job job = JobReader.read(new ByteArrayInputStream(builder.toBytes()));

        assertArrayEquals(builder.secret(), job.secret());
        assertEquals("42-3", job.runId());
        assertEquals(1500, job.testTimeoutMillis());
        assertEquals(20_000, job.totalTimeoutMillis());
        assertEquals(List.of(new SourceFile("Counter.java", "class Counter { /* Zähler */ }"),
                new SourceFile("util/Helper.java", "package util; class Helper {}")), job.sources());
        assertArrayEquals(new byte[] {4}, job.testClassFiles().get("CounterTest$1"));
        assertEquals(List.of("CounterTest"), job.testClassesToRun());
        assertArrayEquals(new byte[] {5, 6}, job.referenceClassFiles().get("Counter"));
    }

    @Test
    void rejectsTruncatedInputAtEveryLength() {
        byte[] bytes = builder.toBytes();
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThrows(BadJobException.class, () -> JobReader.read(new ByteArrayInputStream(truncated)),
                    "length " + length);
        }
    }

    @Test
    void rejectsWrongMagicAndTestClassesToRunThatWereNotSent() {
        byte[] bytes = builder.toBytes();
        bytes[0] = 'X';
        BadJobException magic = assertThrows(BadJobException.class,
                () -> JobReader.read(new ByteArrayInputStream(bytes)));
        assertTrue(magic.getMessage().contains("magic"), magic.getMessage());

        byte[] unknown = new JobBuilder().run("Missing").toBytes();
        assertThrows(BadJobException.class, () -> JobReader.read(new ByteArrayInputStream(unknown)));
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        byte[] bytes = new JobBuilder().testTimeoutMillis(0).toBytes();
        assertThrows(BadJobException.class, () -> JobReader.read(new ByteArrayInputStream(bytes)));
    }
}
