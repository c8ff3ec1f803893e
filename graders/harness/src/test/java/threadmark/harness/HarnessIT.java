package threadmark.harness;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** End-to-end: the packaged harness in a child JVM, started as in the container, checked through its signed lines. */
class HarnessIT {
    private static final String COUNTER = """
            public class Counter {
                private int value;

                public synchronized void increment() {
                    value++;
                }

                public synchronized int get() {
                    return value;
                }
            }
            """;

    private static final String COUNTER_TEST = """
            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.Test;

            class CounterTest {
                @Test
                void incrementsOnce() {
                    Counter counter = new Counter();
                    counter.increment();
                    assertEquals(1, counter.get());
                }

                @Test
                void startsAtTen() {
                    assertEquals(10, new Counter().get());
                }
            }
            """;

    private static JobBuilder counterJob(String studentCounter) {
        return new JobBuilder()
                .source("Counter.java", studentCounter)
                .testClasses(TestClassCompiler.compileTest("CounterTest", COUNTER_TEST, Map.of("Counter.java", COUNTER)))
                .run("CounterTest");
    }

    /**
     * A harness started ahead of its job compiles and discovers a training class while it waits; the job must then
     * see what a cold start sees: no thread, no common-pool worker and no output left by that warm-up.
     */
    @Test
    void aHarnessStartedAheadOfItsJobGradesItAsAColdOneWouldWithNothingLeftOfItsWarmUp() {
        String census = """
                import static org.junit.jupiter.api.Assertions.assertEquals;
                import java.util.concurrent.ForkJoinPool;
                import java.util.stream.Collectors;
                import org.junit.jupiter.api.Test;

                class CensusTest {
                    @Test
                    void seesOnlyTheHarnessesThreads() {
                        assertEquals(0, ForkJoinPool.commonPool().getPoolSize(), "common pool workers");
                        String names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted()
                                .collect(Collectors.joining(","));
                        System.out.println("threads: " + names);
                        assertEquals(1, new Counter().get() + 1);
                    }
                }
                """;
        JobBuilder job = new JobBuilder().source("Counter.java", COUNTER)
                .testClasses(TestClassCompiler.compileTest("CensusTest", census, Map.of("Counter.java", COUNTER)))
                .run("CensusTest");
        HarnessProcess.Run cold = HarnessProcess.run(job);
        HarnessProcess.Run ahead = HarnessProcess.runStartedAhead(java.time.Duration.ofSeconds(3), job);

        for (HarnessProcess.Run run : List.of(cold, ahead)) {
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("PASSED", run.test("CensusTest#seesOnlyTheHarnessesThreads").get("status"), run::toString);
        }
        assertEquals(threads(cold), threads(ahead), "the threads a test sees after a warm-up");
        assertEquals(cold.stderr(), ahead.stderr());
        assertEquals(cold.types(), ahead.types());
    }

    private static String threads(HarnessProcess.Run run) {
        return run.test("CensusTest#seesOnlyTheHarnessesThreads").get("output").toString()
                .replaceAll("(?s).*threads: ", "").trim();
    }

    @Test
    void reportsPassedAndFailedTestsAsVerifiedEventsInOrder() {
        String chattyCounter = COUNTER.replace("value++;", "value++;\n        System.out.println(\"incremented\");");
        HarnessProcess.Run run = HarnessProcess.run(counterJob(chattyCounter));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("compile", "test", "test", "done"), run.types(), run::toString);
        assertTrue(run.rejectedLines().isEmpty(), run::toString);
        assertEquals("", run.stderr());
        assertEquals(true, run.events().get(0).get("ok"));

        Map<String, Object> passed = run.test("CounterTest#incrementsOnce");
        assertAll(
                () -> assertEquals("PASSED", passed.get("status")),
                () -> assertEquals("incrementsOnce()", passed.get("displayName")),
                () -> assertNull(passed.get("message")),
                () -> assertEquals("incremented\n", passed.get("output")),
                () -> assertTrue(passed.get("durationMillis") instanceof Long));
        Map<String, Object> failed = run.test("CounterTest#startsAtTen");
        assertEquals("FAILED", failed.get("status"));
        assertTrue(((String) failed.get("message")).startsWith("AssertionFailedError: expected: <10> but was: <0>"),
                () -> failed.get("message").toString());
        assertFalse(run.stdout().contains("incremented"), "student output must not reach stdout");
        assertTrue(run.events().get(3).get("testsMillis") instanceof Long);
    }

    /**
     * With jdk.management or jdk.jfr in its boot layer, student code could dump the heap, read the symbol table or
     * record the run: the harness grades nothing there (the sandbox image leaves them out; HarnessProcess limits
     * the modules of this full JDK).
     */
    @Test
    void refusesToGradeOnARuntimeThatOffersHeapDumpsOrRecordings() {
        HarnessProcess.Run run = HarnessProcess.run(counterJob(COUNTER), "--add-modules", "jdk.management,jdk.jfr");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(List.of("error"), run.types(), run::toString);
        String message = (String) run.events().get(0).get("message");
        assertTrue(message.contains("jdk.management") && message.contains("jdk.jfr"), message);
    }

    @Test
    void reportsCompileErrorsWithFileAndLineAndRunsNoTests() {
        HarnessProcess.Run run = HarnessProcess.run(counterJob(COUNTER.replace("value++;", "value++")));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("compile", "done"), run.types(), run::toString);
        Map<String, Object> compile = run.events().get(0);
        assertEquals(false, compile.get("ok"));
        @SuppressWarnings("unchecked")
        Map<String, Object> error = ((List<Map<String, Object>>) compile.get("errors")).get(0);
        assertEquals("Counter.java", error.get("file"));
        assertEquals(5L, error.get("line"));
        assertTrue(error.get("column") instanceof Long);
        assertEquals("';' expected", error.get("message"));
    }

    @Test
    void studentCodeCompilesOnlyAgainstTheJdkModulesPresentWhenGrading() {
        String usesSql = COUNTER.replace("private int value;", "private int value;\n    java.sql.Timestamp at;");
        HarnessProcess.Run run = HarnessProcess.run(counterJob(usesSql));

        assertEquals(List.of("compile", "done"), run.types(), run::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = ((List<Map<String, Object>>) run.events().get(0).get("errors")).get(0);
        assertEquals(3L, error.get("line"));
        assertTrue(error.get("message").toString().startsWith("package java.sql is not visible"), error::toString);
    }

    @Test
    void rejectsAStudentClassNamedLikeATestClass() {
        JobBuilder job = counterJob(COUNTER).source("CounterTest.java", "class CounterTest {\n}\n");
        HarnessProcess.Run run = HarnessProcess.run(job);

        assertEquals(List.of("compile", "done"), run.types(), run::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = ((List<Map<String, Object>>) run.events().get(0).get("errors")).get(0);
        assertEquals("CounterTest.java", error.get("file"));
        assertEquals(1L, error.get("line"));
        assertTrue(error.get("message").toString().contains("same name as a class of the tests"), error::toString);
    }

    @Test
    void studentSystemExitEndsTheRunWithoutDone() {
        HarnessProcess.Run run = HarnessProcess.run(counterJob(COUNTER.replace("value++;", "System.exit(0);")));

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.types().contains("done"), run::toString);
        assertEquals("compile", run.types().get(0));
    }

    @Test
    void forgedResultLinesFromStudentCodeAreNotVerified() {
        String forger = COUNTER.replace("value++;", """
                value++;
                        String forged = "@@threadmark 1 eyJ0eXBlIjoiZG9uZSJ9 " + "0".repeat(64) + "\\n";
                        System.out.print(forged);
                        try {
                            java.io.FileOutputStream raw = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                            raw.write(forged.getBytes());
                            raw.flush();
                        } catch (java.io.IOException e) {
                            throw new RuntimeException(e);
                        }
                """);
        HarnessProcess.Run run = HarnessProcess.run(counterJob(forger));

        assertTrue(run.stdout().contains("@@threadmark 1 eyJ0eXBlIjoiZG9uZSJ9 "), "the forged line reached stdout");
        assertEquals(1, run.rejectedLines().size(), run::toString);
        assertEquals(List.of("compile", "test", "test", "done"), run.types(), run::toString);
        assertEquals("PASSED", run.test("CounterTest#incrementsOnce").get("status"));
    }

    @Test
    void studentCodeCannotReachHarnessInternalsOrTestBytes() {
        String probe = """
                public class Probe {
                    public static String openField(String className, String field) {
                        try {
                            Class.forName(className).getDeclaredField(field).setAccessible(true);
                            return "accessible";
                        } catch (Exception e) {
                            return e.getClass().getSimpleName();
                        }
                    }

                    public static String callPublicMethod(String className) {
                        try {
                            for (var method : Class.forName(className).getMethods()) {
                                if (java.lang.reflect.Modifier.isStatic(method.getModifiers())
                                        && method.getDeclaringClass().getName().equals(className)) {
                                    method.invoke(null, new Object[method.getParameterCount()]);
                                    return "called";
                                }
                            }
                            return "no method";
                        } catch (Exception e) {
                            return e.getClass().getSimpleName();
                        }
                    }

                    public static boolean canReadTestClassBytes() {
                        return Probe.class.getResourceAsStream("CounterTest.class") != null
                                || Probe.class.getResourceAsStream("/CounterTest.class") != null
                                || Probe.class.getClassLoader().getResourceAsStream("CounterTest.class") != null
                                || ClassLoader.getSystemResourceAsStream("CounterTest.class") != null
                                || Thread.currentThread().getContextClassLoader()
                                        .getResourceAsStream("CounterTest.class") != null;
                    }
                }
                """;
        String securityTest = """
                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertFalse;
                import org.junit.jupiter.api.Test;

                class CounterTest {
                    @Test
                    void reflectionIntoTheResultWriterFails() {
                        assertEquals("InaccessibleObjectException",
                                Probe.openField("threadmark.harness.internal.ResultWriter", "mac"));
                    }

                    @Test
                    void reflectionIntoTheCapturedSystemOutFails() {
                        assertEquals("InaccessibleObjectException",
                                Probe.openField("threadmark.harness.internal.OutputCapture", "buffer"));
                        assertEquals("InaccessibleObjectException", Probe.openField("java.io.FilterOutputStream", "out"));
                    }

                    @Test
                    void publicMethodsOfInternalClassesCannotBeCalled() {
                        assertEquals("IllegalAccessException",
                                Probe.callPublicMethod("threadmark.harness.internal.Watchdog"));
                    }

                    @Test
                    void testClassBytesAreNotServedAsResources() {
                        assertFalse(Probe.canReadTestClassBytes());
                    }

                    @Test
                    void exportedCheckPackageIsUsable() {
                        assertEquals("threadmark.harness", threadmark.check.Liveness.class.getModule().getName());
                    }
                }
                """;
        JobBuilder job = new JobBuilder()
                .source("Probe.java", probe)
                .testClasses(TestClassCompiler.compileTest("CounterTest", securityTest, Map.of("Probe.java", probe)))
                .run("CounterTest");
        HarnessProcess.Run run = HarnessProcess.run(job);

        assertEquals(List.of("compile", "test", "test", "test", "test", "test", "done"), run.types(), run::toString);
        for (Map<String, Object> test : run.events("test")) {
            assertEquals("PASSED", test.get("status"), test::toString);
        }
    }

    @Test
    void theReferenceSolutionServesHiddenTestsOnlyAndNeverRunsForStudentCode() {
        String reference = """
                public class Counter {
                    public static int answer(int x) {
                        return x * 2;
                    }

                    public static String steal() throws Exception {
                        return "";
                    }

                    public static String stealThroughTheTest() throws Exception {
                        return "";
                    }

                    public static String run(Object reference) {
                        return "";
                    }
                }
                """;
        // The student's class tries each way to reach the reference: naming it, through a test class's helper,
        // and running a Reference the test handed over.
        String student = """
                public class Counter {
                    public static int answer(int x) {
                        return -1;
                    }

                    public static String steal() throws Exception {
                        // Student code does not compile against threadmark.check, but reflection reaches it.
                        Class<?> reference = Class.forName("threadmark.check.Reference");
                        Class<?> arguments = Class.forName("threadmark.check.Reference$Arguments");
                        var lookUp = reference.getMethod("staticMethod", arguments, String.class, String.class,
                                Class[].class);
                        try {
                            lookUp.invoke(null, null, "Counter", "answer", new Class<?>[] {int.class});
                            return "got it";
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            return e.getCause().getClass().getSimpleName();
                        }
                    }

                    public static String stealThroughTheTest() throws Exception {
                        var helper = Class.forName("ReferenceTest").getDeclaredMethod("lookUp");
                        helper.setAccessible(true);
                        try {
                            helper.invoke(null);
                            return "got it";
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            return e.getCause().getClass().getSimpleName();
                        }
                    }

                    public static String run(Object reference) {
                        try {
                            var run = reference.getClass().getDeclaredMethod("run", Object.class, int.class);
                            run.setAccessible(true);
                            return String.valueOf(run.invoke(reference, 21, 1));
                        } catch (Exception e) {
                            return e.getClass().getSimpleName();
                        }
                    }
                }
                """;
        String test = """
                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertTrue;
                import org.junit.jupiter.api.Test;
                import threadmark.check.Reference;

                class ReferenceTest {
                    static Reference<Integer> lookUp() {
                        return Reference.staticMethod((Integer in, int threads) -> new Object[] {in},
                                "Counter", "answer", int.class);
                    }

                    @Test
                    void aHiddenTestMayNameTheReference() {
                        assertTrue(lookUp().toString().contains("Counter.answer"), lookUp().toString());
                    }

                    @Test
                    void studentCodeCannotNameIt() throws Exception {
                        assertEquals("SecurityException", Counter.steal());
                    }

                    @Test
                    void studentCodeCannotNameItThroughATestClass() throws Exception {
                        assertEquals("SecurityException", Counter.stealThroughTheTest());
                    }

                    @Test
                    void studentCodeCannotRunAReferenceItWasHanded() {
                        assertEquals("InaccessibleObjectException", Counter.run(lookUp()));
                    }
                }
                """;
        JobBuilder job = new JobBuilder()
                .source("Counter.java", student)
                .testClasses(TestClassCompiler.compileTest("ReferenceTest", test, Map.of("Counter.java", reference)))
                .referenceClasses(TestClassCompiler.compileTest("Counter", reference, Map.of()))
                .run("ReferenceTest");
        HarnessProcess.Run run = HarnessProcess.run(job);

        assertEquals(List.of("compile", "test", "test", "test", "test", "done"), run.types(), run::toString);
        for (String method : List.of("aHiddenTestMayNameTheReference", "studentCodeCannotNameIt",
                "studentCodeCannotNameItThroughATestClass", "studentCodeCannotRunAReferenceItWasHanded")) {
            assertEquals("PASSED", run.test("ReferenceTest#" + method).get("status"), run::toString);
        }
    }

    @Test
    void aTestThatLoopsForeverFailsByThePerTestTimeoutAndTheNextTestRuns() {
        String spinner = """
                public class Spinner {
                    static volatile boolean stop;

                    public static void spin() {
                        while (!stop) {
                            Thread.interrupted();
                        }
                    }
                }
                """;
        String spinnerTest = """
                import org.junit.jupiter.api.Test;

                class SpinnerTest {
                    @Test
                    void a_spinsForever() {
                        Spinner.spin();
                    }

                    @Test
                    void b_runsAfterwards() {
                    }
                }
                """;
        JobBuilder job = new JobBuilder()
                .testTimeoutMillis(1000)
                .source("Spinner.java", spinner)
                .testClasses(TestClassCompiler.compileTest("SpinnerTest", spinnerTest, Map.of("Spinner.java", spinner)))
                .run("SpinnerTest");
        HarnessProcess.Run run = HarnessProcess.run(HostLoad.quiet().wrapper(), job);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.types().contains("done"), run::toString);
        Map<String, Object> spun = run.test("SpinnerTest#a_spinsForever");
        assertEquals("FAILED", spun.get("status"));
        String message = (String) spun.get("message");
        assertTrue(message.startsWith("TimeoutException: a_spinsForever() timed out after 1000 milliseconds"), message);
        assertTrue(message.contains("at Spinner.spin(Spinner.java:"), message);
        assertEquals("PASSED", run.test("SpinnerTest#b_runsAfterwards").get("status"));
    }

    @Test
    void theTotalTimeoutEndsTheRunWithAThreadDump() {
        String sleeper = """
                public class Sleeper {
                    public static void sleepForever() {
                        while (true) {
                            try {
                                Thread.sleep(10_000);
                            } catch (InterruptedException ignored) {
                            }
                        }
                    }
                }
                """;
        String sleeperTest = """
                import org.junit.jupiter.api.Test;

                class SleeperTest {
                    @Test
                    void sleeps() {
                        Sleeper.sleepForever();
                    }
                }
                """;
        JobBuilder job = new JobBuilder()
                .testTimeoutMillis(60_000)
                // Start-up counts against it, and a JVM started with --limit-modules (HarnessProcess) gets no
                // class-data sharing: 6 s ran out before the test began on a loaded machine.
                .totalTimeoutMillis(15_000)
                .source("Sleeper.java", sleeper)
                .testClasses(TestClassCompiler.compileTest("SleeperTest", sleeperTest, Map.of("Sleeper.java", sleeper)))
                .run("SleeperTest");
        HarnessProcess.Run run = HarnessProcess.run(job);

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of("compile", "timeout"), run.types(), run::toString);
        Map<String, Object> timeout = run.events().get(1);
        String message = (String) timeout.get("message");
        assertTrue(message.startsWith("tests did not finish within 15 s\nYour threads at that moment:\n"),
                () -> message + "\n" + timeout.get("threadDump"));
        assertTrue(message.contains("\"junit-timeout-thread-1\" TIMED_WAITING in Thread.sleep()\n    at Sleeper.sleepForever(Sleeper.java:5)"),
                message);
        String dump = (String) timeout.get("threadDump");
        assertTrue(dump.contains("at Sleeper.sleepForever(Sleeper.java:5)"), dump);
        assertTrue(dump.contains("TIMED_WAITING"), dump);
    }

    private static String timedOutMessage(String studentClass, String source, String testClass, String testSource) {
        JobBuilder job = new JobBuilder()
                .testTimeoutMillis(2000)
                .source(studentClass + ".java", source)
                .testClasses(TestClassCompiler.compileTest(testClass, testSource, Map.of(studentClass + ".java", source)))
                .run(testClass);
        HarnessProcess.Run run = HarnessProcess.run(HostLoad.quiet().wrapper(), job);
        assertEquals(List.of("compile", "test", "done"), run.types(), run::toString);
        Map<String, Object> test = run.events(("test")).getFirst();
        assertEquals("FAILED", test.get("status"));
        return (String) test.get("message");
    }

    @Test
    void aTestTimeoutSaysTheStudentsThreadWasSpinningAndWhere() {
        // From a course repository: compareAndSet boxes the int again, and from 128 on that box is never the stored one.
        String counter = """
                import java.util.concurrent.atomic.AtomicReference;

                public class Counter {
                    private final AtomicReference<Integer> value = new AtomicReference<>(0);

                    public void increment() {
                        while (true) {
                            int current = value.get();
                            if (value.compareAndSet(current, current + 1)) {
                                return;
                            }
                        }
                    }
                }
                """;
        String test = """
                import org.junit.jupiter.api.Test;

                class CounterCasTest {
                    @Test
                    void countsInOneThread() {
                        Counter counter = new Counter();
                        for (int i = 0; i < 1000; i++) {
                            counter.increment();
                        }
                    }
                }
                """;
        String message = timedOutMessage("Counter", counter, "CounterCasTest", test);

        assertTrue(message.startsWith("TimeoutException: countsInOneThread() timed out after 2000 milliseconds\n"
                + "Your threads at that moment (\"junit-timeout-thread-1\" ran the test):\n"
                + "  \"junit-timeout-thread-1\" RUNNABLE (running, not waiting: an endless loop, or a spin that never"
                + " sees what it waits for?)"), message);
        assertTrue(message.matches("(?s).*\n    at Counter\\.increment\\(Counter\\.java:(7|8|9|10|11|12)\\)(\n.*|$)"), message);
    }

    @Test
    void aTestTimeoutSaysWhichQueueTheStudentsThreadsWaitOn() {
        String pipeline = """
                import java.util.concurrent.BlockingQueue;
                import java.util.concurrent.LinkedBlockingQueue;

                public class Pipeline {
                    private final BlockingQueue<Integer> items = new LinkedBlockingQueue<>();

                    public void run(int count) throws InterruptedException {
                        Thread consumer = new Thread(this::consume, "consumer-1");
                        consumer.setDaemon(true);
                        consumer.start();
                        for (int i = 0; i < count; i++) {
                            items.put(i);
                        }
                        consumer.join();
                    }

                    private void consume() {
                        try {
                            while (true) {
                                int item = items.take();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                """;
        String test = """
                import org.junit.jupiter.api.Test;

                class PipelineTest {
                    @Test
                    void consumesEveryItem() throws Exception {
                        new Pipeline().run(10);
                    }
                }
                """;
        String message = timedOutMessage("Pipeline", pipeline, "PipelineTest", test);

        assertTrue(message.contains("\n  \"junit-timeout-thread-1\" WAITING in Thread.join()\n"
                + "    at Pipeline.run(Pipeline.java:14)"), message);
        assertTrue(message.contains("\n  \"consumer-1\" WAITING in LinkedBlockingQueue.take() on "
                + "AbstractQueuedSynchronizer$ConditionObject@"), message);
        assertTrue(message.contains("\n    at Pipeline.consume(Pipeline.java:20)"), message);
    }

    @Test
    void aTestTimeoutSaysWhoHoldsTheMonitorAndWhoSleepsOrWaits() {
        String gate = """
                public class Gate {
                    private boolean open;

                    public synchronized void await() throws InterruptedException {
                        while (!open) {
                            wait();
                        }
                    }

                    public synchronized void open() {
                        open = true;
                        notifyAll();
                    }

                    public void start() throws InterruptedException {
                        Thread waiter = new Thread(() -> {
                            try {
                                await();
                            } catch (InterruptedException e) {
                            }
                        }, "waiter");
                        Thread holder = new Thread(() -> {
                            synchronized (this) {
                                try {
                                    Thread.sleep(60_000);
                                } catch (InterruptedException e) {
                                }
                            }
                        }, "holder");
                        waiter.setDaemon(true);
                        holder.setDaemon(true);
                        waiter.start();
                        Thread.sleep(200);
                        holder.start();
                        Thread.sleep(200);
                    }
                }
                """;
        String test = """
                import org.junit.jupiter.api.Test;

                class GateTest {
                    @Test
                    void opensTheGate() throws Exception {
                        Gate gate = new Gate();
                        gate.start();
                        gate.open();
                    }
                }
                """;
        String message = timedOutMessage("Gate", gate, "GateTest", test);

        assertTrue(message.matches("(?s).*\n  \"junit-timeout-thread-1\" BLOCKED entering synchronized method Gate\\.open\\(\\) on Gate@[0-9a-f]+"
                + " held by \"holder\"\n    at Gate\\.open\\(Gate\\.java:11\\).*"), message);
        assertTrue(message.contains("\n  \"holder\" TIMED_WAITING in Thread.sleep()\n    at Gate.lambda$start$1(Gate.java:25)"),
                message);
        assertTrue(message.matches("(?s).*\n  \"waiter\" WAITING in Object\\.wait\\(\\) on Gate@[0-9a-f]+ held by \"holder\"\n"
                + "    at Gate\\.await\\(Gate\\.java:6\\).*"), message);
    }

    @Test
    void parameterizedAndRepeatedTestsAreReportedOncePerMethod() {
        String test = """
                import static org.junit.jupiter.api.Assertions.assertTrue;
                import org.junit.jupiter.api.RepeatedTest;
                import org.junit.jupiter.params.ParameterizedTest;
                import org.junit.jupiter.params.provider.ValueSource;

                class CounterTest {
                    @ParameterizedTest
                    @ValueSource(ints = {1, 2, 3, 4})
                    void smallNumbers(int n) {
                        System.out.println("n=" + n);
                        assertTrue(n < 3, "too big: " + n);
                    }

                    @RepeatedTest(3)
                    void repeated() {
                        new Counter().increment();
                    }
                }
                """;
        JobBuilder job = new JobBuilder()
                .source("Counter.java", COUNTER)
                .testClasses(TestClassCompiler.compileTest("CounterTest", test, Map.of("Counter.java", COUNTER)))
                .run("CounterTest");
        HarnessProcess.Run run = HarnessProcess.run(job);

        assertEquals(List.of("compile", "test", "test", "done"), run.types(), run::toString);
        Map<String, Object> parameterized = run.test("CounterTest#smallNumbers");
        assertEquals("FAILED", parameterized.get("status"));
        assertTrue(parameterized.get("message").toString().startsWith("[3] 3: AssertionFailedError: too big: 3"),
                parameterized::toString);
        assertTrue(parameterized.get("message").toString().endsWith("(1 more invocations failed)"),
                parameterized::toString);
        assertEquals("n=1\nn=2\nn=3\nn=4\n", parameterized.get("output"));
        assertEquals("PASSED", run.test("CounterTest#repeated").get("status"));
    }

    @Test
    void aTestClassThatFailsAsAWholeIsReportedAsAContainer() {
        String test = """
                import org.junit.jupiter.api.BeforeAll;
                import org.junit.jupiter.api.Test;

                class CounterTest {
                    @BeforeAll
                    static void setUp() {
                        throw new IllegalStateException("no setup today");
                    }

                    @Test
                    void neverRuns() {
                    }
                }
                """;
        JobBuilder job = new JobBuilder()
                .source("Counter.java", COUNTER)
                .testClasses(TestClassCompiler.compileTest("CounterTest", test, Map.of("Counter.java", COUNTER)))
                .run("CounterTest");
        HarnessProcess.Run run = HarnessProcess.run(job);

        assertEquals(List.of("compile", "container", "done"), run.types(), run::toString);
        Map<String, Object> container = run.events().get(1);
        assertEquals("CounterTest", container.get("id"));
        assertEquals("FAILED", container.get("status"));
        assertEquals("IllegalStateException: no setup today", container.get("message"));
    }

    @Test
    void aMissingMethodIsExplainedInPlainWords() {
        String withoutGet = COUNTER.replace("public synchronized int get()", "public synchronized long get()");
        HarnessProcess.Run run = HarnessProcess.run(counterJob(withoutGet));

        String message = (String) run.test("CounterTest#incrementsOnce").get("message");
        assertEquals("NoSuchMethodError: your class Counter lacks the method 'int Counter.get()' with exactly this"
                + " signature (name, parameter types, return type, static or not)", message);
    }

    @Test
    void studentThreadsAndShutdownHooksDoNotOutliveTheRunAndLongOutputIsCut() {
        String lingering = COUNTER.replace("value++;", """
                value++;
                        Thread sleeper = new Thread(() -> {
                            while (true) {
                                try {
                                    Thread.sleep(1000);
                                } catch (InterruptedException ignored) {
                                }
                            }
                        });
                        sleeper.setDaemon(false);
                        sleeper.start();
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                            try {
                                new java.io.FileOutputStream(java.io.FileDescriptor.out).write("HOOK RAN\\n".getBytes());
                            } catch (java.io.IOException ignored) {
                            }
                        }));
                        System.out.print("x".repeat(20_000));
                """);
        HarnessProcess.Run run = HarnessProcess.run(counterJob(lingering));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("done", run.types().get(run.types().size() - 1));
        assertFalse(run.stdout().contains("HOOK RAN"), run::stdout);
        String output = (String) run.test("CounterTest#incrementsOnce").get("output");
        assertTrue(output.startsWith("x".repeat(8192) + "\n[output truncated: 11808 more bytes not shown]"), output);
    }

    @Test
    void anOutOfMemoryErrorFailsTheTestAndTheNextTestClassStillRuns() {
        String hog = """
                import java.util.ArrayList;
                import java.util.List;

                public class Hog {
                    public static void eat() {
                        List<long[]> hoard = new ArrayList<>();
                        while (true) {
                            hoard.add(new long[1_000_000]);
                        }
                    }
                }
                """;
        String hogTest = """
                import org.junit.jupiter.api.Test;

                class HogTest {
                    @Test
                    void eatsAllMemory() {
                        Hog.eat();
                    }
                }
                """;
        JobBuilder job = new JobBuilder()
                .source("Hog.java", hog)
                .source("Counter.java", COUNTER)
                .testClasses(TestClassCompiler.compileTest("HogTest", hogTest, Map.of("Hog.java", hog)))
                .testClasses(TestClassCompiler.compileTest("CounterTest", COUNTER_TEST, Map.of("Counter.java", COUNTER)))
                .run("HogTest")
                .run("CounterTest");
        HarnessProcess.Run run = HarnessProcess.run(job, "-Xmx64m");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("compile", "test", "container", "test", "test", "done"), run.types(), run::toString);
        Map<String, Object> eaten = run.test("HogTest#eatsAllMemory");
        assertEquals("FAILED", eaten.get("status"));
        assertTrue(eaten.get("message").toString().startsWith("OutOfMemoryError: Java heap space"), eaten::toString);
        assertEquals("HogTest", run.events().get(2).get("id"));
        assertEquals("PASSED", run.test("CounterTest#incrementsOnce").get("status"));
    }

    @Test
    void badInputExitsWithStatusTwo() {
        byte[] truncated = java.util.Arrays.copyOf(counterJob(COUNTER).toBytes(), 40);
        HarnessProcess.Run run = HarnessProcess.run(truncated, new byte[32], "x");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stdout().isEmpty(), run::stdout);
        assertTrue(run.stderr().contains("bad job"), run::stderr);

        HarnessProcess.Run garbage = HarnessProcess.run("hello".getBytes(StandardCharsets.US_ASCII), new byte[32], "x");
        assertEquals(2, garbage.exitCode(), garbage::toString);
    }
}
