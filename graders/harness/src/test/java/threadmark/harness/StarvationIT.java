package threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timeout is a verdict on the student's code only when the run got the CPU it was entitled to: the host starving
 * a slow but correct workload makes it unmeasured, while a spin, a deadlock and a submission that starves itself
 * still time out as failures. The harness runs in a real child JVM under {@link HostLoad}.
 */
class StarvationIT {
    private static final String STARVED = "Inconclusive measurement: the machine was too busy to tell whether your"
            + " code is slow: ";
    private static final String FIGURES = "% of the time your threads were ready to run but got no CPU";

    /** Correct but slow: needs {@code cpuMillis} of CPU time on its thread, however long the host makes that take. */
    private static final String WORK = """
            import java.lang.management.ManagementFactory;

            public class Work {
                public static long crunch(long cpuMillis) {
                    var bean = ManagementFactory.getThreadMXBean();
                    long end = bean.getCurrentThreadCpuTime() + cpuMillis * 1_000_000;
                    long sum = 0;
                    while (bean.getCurrentThreadCpuTime() < end) {
                        for (int i = 0; i < 10_000; i++) {
                            sum += i ^ sum;
                        }
                    }
                    return sum;
                }
            }
            """;

    @TempDir
    Path dir;

    private String workTest(Path marker, long cpuMillis) {
        return """
                import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;

                class WorkTest {
                    @Test
                    void crunches() throws Exception {
                        Files.createFile(Path.of("%s"));
                        Work.crunch(%d);
                    }
                }
                """.formatted(marker, cpuMillis);
    }

    private JobBuilder workJob(Path marker, long cpuMillis) {
        return new JobBuilder()
                .source("Work.java", WORK)
                .testClasses(TestClassCompiler.compileTest("WorkTest", workTest(marker, cpuMillis),
                        Map.of("Work.java", WORK)))
                .run("WorkTest");
    }

    @Test
    void aSlowCorrectTestTheHostStarvesUntilItsTimeoutIsUnmeasuredNotFailed() {
        Path marker = dir.resolve("started");
        HarnessProcess.Run run = HarnessProcess.run(HostLoad.starvingOnceExists(marker).wrapper(),
                workJob(marker, 2000).testTimeoutMillis(5000).totalTimeoutMillis(60_000));

        assertEquals(List.of("compile", "test", "done"), run.types(), run::toString);
        Map<String, Object> test = run.test("WorkTest#crunches");
        String message = (String) test.get("message");
        assertEquals("ABORTED", test.get("status"), message);
        assertTrue(message.startsWith(STARVED) && message.contains(FIGURES), message);
        assertTrue(message.contains("\nTimeoutException: crunches() timed out after 5000 milliseconds"), message);
        System.out.println("starved per-test timeout: " + message.lines().findFirst().orElseThrow());
    }

    @Test
    void aRunTheHostStarvesUntilTheTotalTimeoutLeavesItsUnfinishedTestsUnmeasured() {
        Path marker = dir.resolve("started");
        HarnessProcess.Run run = HarnessProcess.run(HostLoad.starvingOnceExists(marker).wrapper(),
                workJob(marker, 4000).testTimeoutMillis(120_000).totalTimeoutMillis(15_000));

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of("compile", "timeout"), run.types(), run::toString);
        Map<String, Object> timeout = run.events("timeout").getFirst();
        String unmeasured = (String) timeout.get("unmeasured");
        assertTrue(unmeasured != null && unmeasured.startsWith(STARVED) && unmeasured.contains(FIGURES),
                run::toString);
        assertTrue(((String) timeout.get("message")).startsWith("tests did not finish within 15 s"), run::toString);
        System.out.println("starved total timeout: " + unmeasured);
    }

    @Test
    void aSpinOnAQuietHostIsARealTimeoutThatSaysWhereTheThreadSpun() {
        String spinner = """
                public class Spinner {
                    static volatile boolean stop;

                    public static void spin() {
                        while (!stop) {
                            Thread.onSpinWait();
                        }
                    }
                }
                """;
        Map<String, Object> test = quietTimeout("Spinner", spinner, "Spinner.spin();");
        String message = (String) test.get("message");
        assertTrue(message.contains("RUNNABLE") && message.contains("at Spinner.spin(Spinner.java:"), message);
    }

    @Test
    void aDeadlockOnAQuietHostIsARealTimeoutThatSaysWhoHoldsWhat() {
        String accounts = """
                public class Accounts {
                    static final Object A = new Object();
                    static final Object B = new Object();

                    public static void transferBothWays() throws InterruptedException {
                        var ready = new java.util.concurrent.CountDownLatch(2);
                        Thread one = new Thread(() -> lock(A, B, ready), "one");
                        Thread two = new Thread(() -> lock(B, A, ready), "two");
                        one.start();
                        two.start();
                        one.join();
                    }

                    private static void lock(Object first, Object second, java.util.concurrent.CountDownLatch ready) {
                        synchronized (first) {
                            ready.countDown();
                            try {
                                ready.await();
                            } catch (InterruptedException e) {
                                return;
                            }
                            synchronized (second) {
                                second.hashCode();
                            }
                        }
                    }
                }
                """;
        Map<String, Object> test = quietTimeout("Accounts", accounts, "Accounts.transferBothWays();");
        String message = (String) test.get("message");
        assertTrue(message.contains("BLOCKED") && message.contains("at Accounts.lock(Accounts.java:"), message);
    }

    @Test
    void aSubmissionThatStarvesItselfWithMoreSpinningThreadsThanCpusIsARealTimeout() {
        String swarm = """
                public class Swarm {
                    static volatile boolean stop;

                    public static void run() throws InterruptedException {
                        Thread[] threads = new Thread[6];
                        for (int i = 0; i < threads.length; i++) {
                            threads[i] = new Thread(() -> {
                                while (!stop) {
                                    Thread.onSpinWait();
                                }
                            });
                            threads[i].start();
                        }
                        for (Thread thread : threads) {
                            thread.join();
                        }
                    }
                }
                """;
        quietTimeout("Swarm", swarm, "Swarm.run();");
    }

    /** Runs {@code call} as a test with a 3 s timeout on a quiet host and returns its test event: a real timeout. */
    private Map<String, Object> quietTimeout(String className, String source, String call) {
        String testSource = """
                import org.junit.jupiter.api.Test;

                class %sTest {
                    @Test
                    void runs() throws Exception {
                        %s
                    }
                }
                """.formatted(className, call);
        JobBuilder job = new JobBuilder()
                .testTimeoutMillis(3000)
                .source(className + ".java", source)
                .testClasses(TestClassCompiler.compileTest(className + "Test", testSource,
                        Map.of(className + ".java", source)))
                .run(className + "Test");
        HarnessProcess.Run run = HarnessProcess.run(HostLoad.quiet().wrapper(), job);

        Map<String, Object> test = run.test(className + "Test#runs");
        String message = (String) test.get("message");
        assertEquals("FAILED", test.get("status"), message);
        assertTrue(message.startsWith("TimeoutException: runs() timed out after 3000 milliseconds"), message);
        assertTrue(message.contains("Your threads at that moment"), message);
        assertFalse(message.contains("Inconclusive"), message);
        return test;
    }
}
