package threadmark.grading;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import threadmark.format.ExerciseFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static threadmark.grading.SandboxFixture.FIXTURES;

/**
 * Wrong and hostile student code graded through the real Docker sandbox: what the student is told, and no points
 * stolen. docs/security.md lists every attack with the defence it meets and the test here that proves it.
 */
@Tag("sandbox")
class HostileSubmissionTest {

    private static ExerciseFolder probe;

    @BeforeAll
    static void readProbe() {
        probe = SandboxFixture.exercise(FIXTURES.resolve("probe"));
    }

    private static GradeReport grade(String hostile) {
        return SandboxFixture.grade(probe, SandboxFixture.javaFiles(FIXTURES.resolve("hostile").resolve(hostile)));
    }

    /** Each run has a fresh container, so what an attack did must not reach the next grading: the reference still scores 100. */
    private static void assertNextGradingIsNormal() {
        GradeReport report = SandboxFixture.grade(probe, probe.solutions().get("reference"));
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.score()).isEqualTo(100.0);
    }

    /** Everything a student is shown: the summary, every test's message and output, and the run's own output. */
    private static String shown(GradeReport report) {
        StringBuilder text = new StringBuilder(report.summary()).append('\n').append(report.output());
        report.tests().forEach(t -> text.append('\n').append(t.message()).append('\n').append(t.output()));
        return text.toString();
    }

    @Test
    void referenceSolutionScoresFullMarks() {
        GradeReport report = SandboxFixture.grade(probe, probe.solutions().get("reference"));
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.score()).isEqualTo(100.0);
        assertThat(report.summary()).contains("All 2 tests passed");
    }

    @Test
    void anInconclusiveMeasurementIsProvisionalAndFinallyEarnsNothingNeverASandboxFailure() {
        // Student code can abort a test as "Inconclusive measurement" itself. That is neither a sandbox failure nor
        // points: the test waits for a fair measurement (the server runs it again, with a bound), the other verdicts
        // stand at once, and once the server stops waiting the test earns nothing, with a sentence saying why.
        GradeReport report = grade("fake-inconclusive");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.isProvisional()).isTrue();
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.UNMEASURED);
        assertThat(report.test("ProbeTest#first").points()).isZero();
        assertThat(report.test("ProbeTest#first").message()).startsWith("Not measured yet: the machine was too busy");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(50.0);
        assertThat(report.summary()).startsWith("50 of 100 points so far.")
                .contains("1 test could not be measured fairly because the machine was busy (first())");

        GradeReport last = Unmeasured.finalVerdict(report, 3, java.time.Duration.ofMinutes(30));
        assertThat(last.isProvisional()).isFalse();
        assertThat(last.score()).isEqualTo(50.0);
        assertThat(last.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.ABORTED);
        assertThat(last.summary()).startsWith("50 of 100 points. ").doesNotContain("so far")
                .contains("the machine stayed too busy through 3 runs over 30 minutes, so it earns no points")
                .contains("Your instructor can regrade");
        assertThat(last.test("ProbeTest#first").message()).startsWith("Not measured: the machine stayed too busy")
                .contains("Inconclusive measurement: the machine was busy");
    }

    // --- code that does not compile ---

    @Test
    void compileErrorsNameFileAndLine() {
        GradeReport report = grade("compile-error");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.COMPILE_FAILED);
        assertThat(report.score()).isZero();
        assertThat(report.compileErrors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("Probe.java");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).contains("';' expected");
        });
        assertThat(report.summary()).contains("does not compile").contains("Probe.java:3");
    }

    /**
     * The server holds sources as text: bytes that are not UTF-8 arrive as U+FFFD (a form upload decodes them so),
     * and the harness decodes its job the same way. In a literal or comment that is accepted, and the same every
     * time; in code it is a compile error at the right line.
     */
    @Test
    void bytesThatAreNotUtf8AreAcceptedInLiteralsAndAClearCompileErrorInCode() {
        GradeReport literal = gradeDecodedAsTheServerDoes("non-utf8-literal");
        assertThat(literal.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(literal.score()).isEqualTo(100.0);

        GradeReport code = gradeDecodedAsTheServerDoes("non-utf8-code");
        assertThat(code.outcome()).isEqualTo(GradeReport.Outcome.COMPILE_FAILED);
        assertThat(code.score()).isZero();
        assertThat(code.compileErrors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("Probe.java");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).contains("illegal character");
        });
    }

    private static GradeReport gradeDecodedAsTheServerDoes(String hostile) {
        try {
            byte[] bytes = Files.readAllBytes(FIXTURES.resolve("hostile").resolve(hostile).resolve("Probe.java"));
            return SandboxFixture.grade(probe, Map.of("Probe.java", new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- one table: what each hostile submission must be told (the ones that need more have their own test) ---

    /**
     * One attack and what grading it must show: its outcome and score, and for each named test its status and
     * words the message must contain (case aside); optionally a bound on the run's time and what the run's output
     * must and must not hold.
     */
    record Attack(String hostile, String why, GradeReport.Outcome outcome, double score,
                  Map<String, Expected> tests, String summaryHas, Long runMillisUnder, String outputHas,
                  String outputLacks) {

        record Expected(GradeReport.Status status, List<String> messageHas) {
        }

        static Attack of(String hostile, String why, GradeReport.Outcome outcome, double score) {
            return new Attack(hostile, why, outcome, score, new LinkedHashMap<>(), null, null, null, null);
        }

        Attack test(String method, GradeReport.Status status, String... messageHas) {
            tests.put("ProbeTest#" + method, new Expected(status, List.of(messageHas)));
            return this;
        }

        Attack summaryHas(String words) {
            return new Attack(hostile, why, outcome, score, tests, words, runMillisUnder, outputHas, outputLacks);
        }

        Attack runsUnder(long millis) {
            return new Attack(hostile, why, outcome, score, tests, summaryHas, millis, outputHas, outputLacks);
        }

        Attack output(String has, String lacks) {
            return new Attack(hostile, why, outcome, score, tests, summaryHas, runMillisUnder, has, lacks);
        }

        void check(GradeReport report) {
            assertThat(report.outcome()).as("outcome").isEqualTo(outcome);
            assertThat(report.score()).as("score").isEqualTo(score);
            tests.forEach((id, expected) -> {
                GradeReport.TestVerdict verdict = report.test(id);
                assertThat(verdict.status()).as(id).isEqualTo(expected.status());
                expected.messageHas().forEach(words -> assertThat(verdict.message()).as(id).containsIgnoringCase(words));
            });
            if (summaryHas != null) {
                assertThat(report.summary()).contains(summaryHas);
            }
            if (runMillisUnder != null) {
                assertThat(report.timings().get("runMillis")).as("run time, ms").isLessThan(runMillisUnder);
            }
            if (outputHas != null) {
                assertThat(report.output()).contains(outputHas);
            }
            if (outputLacks != null) {
                assertThat(report.output()).doesNotContain(outputLacks);
            }
        }

        @Override
        public String toString() {
            return hostile + ": " + why;
        }
    }

    static Stream<Attack> attacks() {
        GradeReport.Outcome tested = GradeReport.Outcome.TESTED;
        GradeReport.Outcome endedEarly = GradeReport.Outcome.ENDED_EARLY;
        GradeReport.Status passed = GradeReport.Status.PASSED;
        GradeReport.Status failed = GradeReport.Status.FAILED;
        GradeReport.Status missing = GradeReport.Status.MISSING;
        return Stream.of(
                // code that never finishes
                Attack.of("infinite-loop", "stopped at the test's timeout, the other test still counts", tested, 50)
                        .test("first", failed, "timed out").test("second", passed),
                Attack.of("sleep-past-deadline", "fails that test only", tested, 50)
                        .test("first", failed, "timed out").test("second", passed),
                Attack.of("hang-everything", "stopped at the exercise's time limit", GradeReport.Outcome.TIMED_OUT, 0)
                        .summaryHas("time limit of 12 s").runsUnder(12_000 + 15_000),
                Attack.of("deep-recursion", "fails that test with the stack overflow and where", tested, 50)
                        .test("first", failed, "StackOverflowError", "Probe.depth"),
                Attack.of("runaway-thread", "threads that outlive their test neither hold the run nor forge results",
                        tested, 100).runsUnder(8_000),
                Attack.of("static-state-corruption", "a static initializer cannot switch off the test timeout", tested, 50)
                        .test("first", passed).test("second", failed, "timed out"),
                Attack.of("static-init-throws", "every test fails with the cause", tested, 0)
                        .test("first", failed, "ExceptionInInitializerError", "static state broken on purpose")
                        .test("second", failed, "static initializer failed earlier"),
                // ending the JVM early
                Attack.of("system-exit", "tests that never ran earn nothing", endedEarly, 0)
                        .test("second", missing, "System.exit"),
                Attack.of("exit-hook-hangs", "exit with shutdown hooks that never finish fails that test only", tested, 50)
                        .test("first", failed, "timed out").test("second", passed),
                Attack.of("hook-left-behind", "a shutdown hook left behind never runs", tested, 100)
                        .output(null, "hook-ran").runsUnder(8_000),
                // forging results
                Attack.of("fake-result", "forged result lines earn nothing", endedEarly, 0)
                        .test("first", missing).test("second", missing),
                Attack.of("forge-result-lines", "forged lines on every way to stdout are ignored", tested, 50)
                        .test("first", failed, "first() must return true").output("@@threadmark 1 ", null),
                Attack.of("close-stdout", "closing the real stdout earns nothing, with a reason", endedEarly, 0)
                        .test("first", missing, "Not run: the test JVM stopped"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void eachAttackIsToldWhatItDidAndEarnsNoPointsItDidNotEarn(Attack attack) {
        attack.check(grade(attack.hostile()));
    }

    // --- resource exhaustion ---

    @Test
    void unboundedAllocationIsReportedAsOutOfMemory() {
        GradeReport report = grade("memory-bomb");
        GradeReport.TestVerdict first = report.test("ProbeTest#first");
        assertThat(first.status()).isNotEqualTo(GradeReport.Status.PASSED);
        assertThat(first.points()).isZero();
        assertThat(first.message()).containsIgnoringCase("memory");
    }

    @Test
    void threadBombIsStoppedByThePidsLimit() {
        GradeReport report = grade("thread-bomb");
        GradeReport.TestVerdict first = report.test("ProbeTest#first");
        assertThat(first.status()).isNotEqualTo(GradeReport.Status.PASSED);
        assertThat(first.points()).isZero();
        assertThat(first.message()).containsIgnoringCase("thread");
    }

    /** No shell in the image; child JVMs started without end hit the pids and memory limits of the one container. */
    @Test
    void processBombFindsNoShellAndIsContainedByTheContainer() {
        GradeReport report = grade("process-bomb");
        assertThat(report.output()).contains("shell:Cannot run program \"/bin/sh\"").doesNotContain("shell:STARTED");
        assertThat(report.test("ProbeTest#first").status()).isNotEqualTo(GradeReport.Status.PASSED);
        assertThat(report.test("ProbeTest#first").points()).isZero();
        // Memory or the pids limit runs out first, depending on how fast the children start: either way a reason.
        assertThat(report.test("ProbeTest#first").message()).containsAnyOf("memory", "thread", "timed out");
        // When the children starve the harness itself, the container's wall clock (12 s + 15 s grace) ends the
        // run; the kill and the teardown of a container full of JVMs take a few seconds more.
        assertThat(report.timings().get("runMillis")).isLessThan(12_000 + 15_000 + 5_000);
        assertNextGradingIsNormal();
    }

    @Test
    void fillingTmpFailsThatTestWithTheFileSystemsAnswer() {
        GradeReport report = grade("disk-fill");
        GradeReport.TestVerdict first = report.test("ProbeTest#first");
        assertThat(first.status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(first.message()).contains("No space left on device");
        assertThat(first.output()).contains("tmp-entries-before:0");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertNextGradingIsNormal();
    }

    /** 100 MB on the real stdout, half of it one endless line: the server keeps 1 MB and still reads every result. */
    @Test
    void outputFloodIsCappedAndTheResultsStillArrive() {
        GradeReport report = grade("output-flood");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").message()).contains("first() must return true");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(50.0);
        assertThat(report.output()).endsWith("[output truncated]").hasSizeLessThan(64 * 1024);
        assertNextGradingIsNormal();
    }

    // --- ending the JVM early ---

    /** Exit or halt in a static initializer, halt in a test, a shutdown hook that forges a line and halts. */
    @ParameterizedTest
    @ValueSource(strings = {"exit-in-static-init", "halt-in-static-init", "halt-in-test", "exit-hook-halts"})
    void endingTheJvmAtAnyStageEarnsNothing(String hostile) {
        GradeReport report = grade(hostile);
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.ENDED_EARLY);
        assertThat(report.score()).isZero();
        assertThat(report.tests()).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(GradeReport.Status.MISSING);
            assertThat(t.message()).contains("System.exit or Runtime.halt");
        });
    }



    // --- forging results ---

    @Test
    void replacingSystemOutHidesNothingFromTheHarness() {
        GradeReport report = grade("replace-system-out");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").output()).contains("before-replace").doesNotContain("after-replace");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(50.0);
    }


    /**
     * The attack looks for HMAC's key pads in /proc/self/mem and in a heap dump, and with a key found signs "both
     * passed" and halts (before the fix it scored 100). The harness process is undumpable, so /proc/self/mem is
     * closed, and the key exists only as SHA-256 states in native memory, which a heap dump does not hold.
     */
    @Test
    void signingKeyCannotBeReadFromTheJvmsMemory() {
        GradeReport report = grade("steal-signing-key");
        assertThat(report.output()).contains("procmem:denied").contains("heapdump: keys=0").contains("steal:nothing");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.score()).isEqualTo(50.0);
        assertNextGradingIsNormal();
    }

    /** /tmp is the one writable place: no /dev/shm (a second 64 MB tmpfs until IPC mode "none"), nothing else. */
    @Test
    void onlyTmpIsWritable() {
        GradeReport report = grade("writable-places");
        String printed = report.test("ProbeTest#first").output();
        assertThat(printed).contains("write /tmp:WRITABLE").contains("write /dev/shm:denied");
        assertThat(printed.lines().filter(line -> line.contains("WRITABLE"))).containsExactly("write /tmp:WRITABLE");
        assertThat(report.score()).isEqualTo(100.0);
    }

    // --- reaching for what is not the student's ---

    @Test
    void hiddenTestsCannotBeFoundOnDiskThroughTheClassLoaderOrByReflection() {
        GradeReport report = grade("read-hidden-tests");
        String printed = report.test("ProbeTest#first").output();
        assertThat(printed).contains("resource:none").contains("files:0").contains("reflection:denied");
        assertThat(printed).contains("system-resource:nonenone").contains("class-resource:nonenonenone")
                .contains("codesource:none").contains("/proc/self/cmdline:clean").contains("/proc/1/cmdline:clean");
        assertThat(printed).doesNotContain("FOUND");
        assertThat(report.output()).doesNotContain("hidden-test-marker");
        assertThat(report.score()).isEqualTo(100.0);
    }

    @Test
    void harnessInternalsStayClosedAndNoNativeAccessExists() {
        GradeReport report = grade("reflect-into-harness");
        String printed = report.test("ProbeTest#first").output();
        assertThat(printed).doesNotContain(":OPEN");
        assertThat(printed).contains("resultwriter-field:denied InaccessibleObjectException")
                .contains("private-lookup:denied IllegalAccessException")
                .contains("add-opens:denied IllegalCallerException")
                .contains("module-internals:denied InaccessibleObjectException")
                .contains("thread-runnable:denied InaccessibleObjectException")
                .contains("sun-misc-unsafe:denied ClassNotFoundException")
                .contains("internal-unsafe:denied InaccessibleObjectException")
                .contains("instrumentation:denied ClassNotFoundException")
                .contains("attach-api:denied ClassNotFoundException")
                .contains("ffm-downcall:denied IllegalCallerException")
                .contains("ffm-raw-memory:denied IllegalCallerException")
                .contains("jni-from-/tmp:denied IllegalCallerException")
                .contains("jni-from-/dev/shm:denied");
        assertThat(report.score()).isEqualTo(100.0);
    }

    @Test
    void noNetworkLeadsOutOfTheSandbox() {
        GradeReport report = grade("network");
        String printed = report.test("ProbeTest#first").output();
        assertThat(printed).doesNotContain(":OPEN");
        assertThat(printed).contains("tcp-connect:denied").contains("dns:denied").contains("udp-send:denied")
                .contains("docker-host:denied").contains("docker-socket:denied");
        // A listening socket is possible, but only on the container's own loopback: nothing outside can connect.
        assertThat(printed).contains("interfaces:lo\n");
    }

    /** The job's secret travels on stdin only: it is in no variable, file or command line the student can read. */
    @Test
    void environmentAndProcHoldNoSecretAndNothingOfTheServer() {
        AtomicReference<byte[]> job = new AtomicReference<>();
        GradeReport report = SandboxFixture.grade(probe,
                SandboxFixture.javaFiles(FIXTURES.resolve("hostile/environment")),
                request -> {
                    job.set(request.stdin());
                    return SandboxFixture.sandbox().runner().run(request);
                });
        byte[] secret = Arrays.copyOfRange(job.get(), 8, 8 + 32);
        String printed = report.test("ProbeTest#first").output() + report.test("ProbeTest#second").output();
        assertThat(printed).contains("env PATH=").contains("/proc/self/cmdline:")
                .contains("/proc/self/environ:denied").contains("/proc/1/environ:denied");
        assertThat(printed).doesNotContainIgnoringCase("threadmark_").doesNotContainIgnoringCase("quarkus")
                .doesNotContain("env PG").doesNotContain("PGPASSWORD").doesNotContain("JAVA_HOME")
                .doesNotContain("DOCKER");
        String everything = shown(report);
        assertThat(everything).doesNotContain(HexFormat.of().formatHex(secret))
                .doesNotContain(Base64.getEncoder().encodeToString(secret))
                .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
        assertThat(report.score()).isEqualTo(100.0);
    }
}
