package threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stress test whose threads never ran side by side has tested nothing: on one CPU, a counter the hammer finds no
 * fault in is unmeasured, not passed. (A racy counter on one CPU loses updates only through a preemption in the
 * middle of an increment, which compiled code rarely allows, so it used to pass there.) The harness runs in a real
 * child JVM pinned to one CPU.
 */
class ContentionIT {
    private static final String COUNTER = """
            import java.util.concurrent.atomic.AtomicLong;

            public class Counter {
                private final AtomicLong value = new AtomicLong();

                public void increment() {
                    value.incrementAndGet();
                }

                public long get() {
                    return value.get();
                }
            }
            """;
    private static final String TEST = """
            import java.time.Duration;
            import org.junit.jupiter.api.Test;
            import threadmark.check.Contention;

            class CounterTest {
                @Test
                void noLostUpdates() {
                    Contention.hammer("incremented one counter", 4, 30, Duration.ofMillis(15), Counter::new,
                            Counter::increment, (c, made) -> c.get() == made ? null : (made - c.get()) + " lost");
                }
            }
            """;

    @Test
    void trialsWhoseThreadsNeverRanSideBySideAreUnmeasuredNotPassed() {
        JobBuilder job = new JobBuilder()
                .source("Counter.java", COUNTER)
                .testClasses(TestClassCompiler.compileTest("CounterTest", TEST, Map.of("Counter.java", COUNTER)))
                .run("CounterTest");
        HarnessProcess.Run run = HarnessProcess.run(HostLoad.quiet().wrapper(), job);

        Map<String, Object> test = run.test("CounterTest#noLostUpdates");
        String message = (String) test.get("message");
        assertEquals("ABORTED", test.get("status"), run::toString);
        assertTrue(message.contains("Inconclusive measurement: this run had 1 CPU, so the test's threads could not"
                + " run at the same moment: in 90 trials (4 threads incremented one counter at the same moment) they ran side"
                + " by side for about "), message);
        assertTrue(message.contains(" ms, and at least 225 ms are needed before a race can be ruled out"), message);
        System.out.println("one CPU: " + message);
    }
}
