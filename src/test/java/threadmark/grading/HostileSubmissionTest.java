package threadmark.grading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import threadmark.format.ExerciseFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

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

    // --- code that never finishes ---

    @Test
    void endlessLoopIsStoppedAtTheTestTimeoutAndOtherTestsStillCount() {
        GradeReport report = grade("infinite-loop");
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").message()).containsIgnoringCase("timed out");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(50.0);
    }

    @Test
    void sleepingPastTheDeadlineFailsThatTestOnly() {
        GradeReport report = grade("sleep-past-deadline");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").message()).containsIgnoringCase("timed out");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(50.0);
    }

    @Test
    void codeThatNeverFinishesIsStoppedAtTheTimeLimit() {
        GradeReport report = grade("hang-everything");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TIMED_OUT);
        assertThat(report.score()).isZero();
        assertThat(report.summary()).contains("time limit of 12 s");
        assertThat(report.timings().get("runMillis")).isLessThan(12_000 + 15_000);
    }

    @Test
    void deepRecursionFailsThatTestWithStackOverflow() {
        GradeReport report = grade("deep-recursion");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").message()).contains("StackOverflowError").contains("Probe.depth");
        assertThat(report.score()).isEqualTo(50.0);
    }

    /** Threads left running after a test (a daemon that prints and forges, a non-daemon that spins) do not hold the run. */
    @Test
    void threadsThatOutliveTheirTestNeitherKeepTheRunAliveNorForgeResults() {
        GradeReport report = grade("runaway-thread");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.score()).isEqualTo(100.0);
        assertThat(report.timings().get("runMillis")).isLessThan(8_000);
    }

    /**
     * The static initializer sets JUnit's timeout properties, locale, time zone and more for the whole JVM: the
     * harness passes JUnit its configuration explicitly, so the endless second test is still stopped at 8 s.
     */
    @Test
    void staticInitializerCannotSwitchOffTheTestTimeout() {
        GradeReport report = grade("static-state-corruption");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#second").message()).containsIgnoringCase("timed out");
        assertThat(report.score()).isEqualTo(50.0);
    }

    @Test
    void staticInitializerThatThrowsFailsEveryTestWithTheCause() {
        GradeReport report = grade("static-init-throws");
        assertThat(report.score()).isZero();
        assertThat(report.test("ProbeTest#first").message())
                .contains("ExceptionInInitializerError").contains("static state broken on purpose");
        assertThat(report.test("ProbeTest#second").message()).contains("static initializer failed earlier");
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

    @Test
    void systemExitEarnsNoPointsForTestsThatNeverRan() {
        GradeReport report = grade("system-exit");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.ENDED_EARLY);
        assertThat(report.score()).isZero();
        assertThat(report.test("ProbeTest#second").message()).contains("System.exit");
    }

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

    /**
     * System.exit inside a test whose shutdown hooks never finish (one sleeps, one calls System.exit again) blocks
     * that test's thread for good: the test fails at its timeout, the next one still runs.
     */
    @Test
    void exitWithShutdownHooksThatNeverFinishFailsThatTestOnly() {
        GradeReport report = grade("exit-hook-hangs");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").message()).containsIgnoringCase("timed out");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(50.0);
    }

    /** The harness halts after its last line, so a hook left behind never runs, and the passes stand. */
    @Test
    void shutdownHookLeftBehindNeverRuns() {
        GradeReport report = grade("hook-left-behind");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.score()).isEqualTo(100.0);
        assertThat(report.output()).doesNotContain("hook-ran");
        assertThat(report.timings().get("runMillis")).isLessThan(8_000);
    }

    // --- forging results ---

    @Test
    void forgedResultLinesEarnNothing() {
        GradeReport report = grade("fake-result");
        assertThat(report.score()).isZero();
        assertThat(report.tests()).allSatisfy(t -> assertThat(t.status()).isNotEqualTo(GradeReport.Status.PASSED));
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.ENDED_EARLY);
    }

    /** Forged lines on every way to stdout (guessed keys, next sequence numbers, glued): only the harness's count. */
    @Test
    void forgedLinesOnEveryWayToStdoutAreIgnored() {
        GradeReport report = grade("forge-result-lines");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").message()).contains("first() must return true");
        assertThat(report.score()).isEqualTo(50.0);
        assertThat(report.output()).contains("@@threadmark 1 ");
    }

    @Test
    void replacingSystemOutHidesNothingFromTheHarness() {
        GradeReport report = grade("replace-system-out");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.test("ProbeTest#first").status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.test("ProbeTest#first").output()).contains("before-replace").doesNotContain("after-replace");
        assertThat(report.test("ProbeTest#second").status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(50.0);
    }

    /** Closing the real stdout silences the harness: no verified result, no points, and a reason. */
    @Test
    void closingStdoutEarnsNothing() {
        GradeReport report = grade("close-stdout");
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.ENDED_EARLY);
        assertThat(report.score()).isZero();
        assertThat(report.test("ProbeTest#first").message()).startsWith("Not run: the test JVM stopped");
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
