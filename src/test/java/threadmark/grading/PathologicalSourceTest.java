package threadmark.grading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import threadmark.format.ExerciseFolder;
import threadmark.sandbox.HarnessRunner;
import threadmark.sandbox.SandboxLimits;
import threadmark.sandbox.SandboxRequest;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static threadmark.grading.SandboxFixture.FIXTURES;

/**
 * Sources that make the compiler work very hard, fail hard or talk a lot, graded through the real sandbox on the
 * compile-probe exercise (the probe with a 30 s limit, so javac may use 15 s of CPU time: ordinary sources stay
 * far from that even when a loaded host lets javac's thread run only a few percent of the time): each gets a verdict about the student's code within the
 * exercise's limit, graded once. None may end in a SandboxException, which the queue retries and ends in ERROR.
 */
@Tag("sandbox")
class PathologicalSourceTest {

    /** What the harness caps each compiler message to (SourceCompiler.MAX_MESSAGE_CHARS in the harness). */
    private static final int MAX_MESSAGE_CHARS = 2000;
    private static final String TOOK_TOO_LONG = "compiling your code took more than 15 s of CPU time";
    /**
     * What the harness says when 90 % of the limit passed before javac used its 15 s of CPU, but a good part of it,
     * and the server if the watchdog or the container's wall clock ended the run first: on a loaded host 15 s of CPU
     * can take over 30 s.
     */
    private static final String OUT_OF_TIME = "compiling your code did not finish within the time limit";
    private static final String NESTS_TOO_DEEPLY = "nests too deeply";

    private static ExerciseFolder probe;
    /**
     * The wall clock the probe's container gets (time-seconds and the start-up grace). The harness itself ends a run
     * by time-seconds after its start, but on a loaded host its JVM may take seconds to start and to halt.
     */
    private static Duration limit;

    @BeforeAll
    static void readProbe() {
        probe = SandboxFixture.exercise(FIXTURES.resolve("compile-probe"));
        limit = Duration.ofSeconds(probe.definition().limits().timeSeconds())
                .plus(SandboxFixture.sandbox().config().startupGrace());
    }

    private static GradeReport gradeFixture(String bomb) {
        return grade(bomb, SandboxFixture.javaFiles(FIXTURES.resolve("hostile/compile-bombs").resolve(bomb)));
    }

    private static GradeReport grade(String name, String probeSource) {
        return grade(name, Map.of("Probe.java", probeSource));
    }

    private static GradeReport grade(String name, Map<String, String> files) {
        return grade(name, files, SandboxFixture.sandbox().runner());
    }

    /** Grades and checks the container ran no longer than the wall clock it was given. */
    private static GradeReport grade(String name, Map<String, String> files, HarnessRunner runner) {
        GradeReport report = SandboxFixture.grade(probe, files, runner);
        long ran = report.timings().get("runMillis");
        System.out.printf("pathological %s: %s, container ran %d ms (compile %s ms)%n", name, report.outcome(), ran,
                report.timings().get("compileMillis"));
        assertThat(Duration.ofMillis(ran)).isLessThan(limit);
        return report;
    }

    /** A Probe with the two methods the tests call, correct, and {@code members} before them. */
    private static String probe(String members) {
        return "public class Probe {\n" + members + "\n"
                + "    public static boolean first() {\n        return true;\n    }\n\n"
                + "    public static boolean second() {\n        return true;\n    }\n}\n";
    }

    private static String repeat(int times, IntFunction<String> line) {
        return IntStream.range(0, times).mapToObj(line).collect(Collectors.joining("\n"));
    }

    private static void assertCompileFailed(GradeReport report, String... oneOf) {
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.COMPILE_FAILED);
        assertThat(report.score()).isZero();
        assertThat(report.compileErrors()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.message()).hasSizeLessThanOrEqualTo(MAX_MESSAGE_CHARS));
        assertThat(report.compileErrors().getFirst().message()).containsAnyOf(oneOf);
    }

    private static void assertGradedNormally(GradeReport report) {
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.score()).isEqualTo(100.0);
    }

    // --- javac busy for longer than its share of the limit ---

    @Test
    void exhaustiveSwitchesOverABigRecordRunOutOfCompileTime() {
        GradeReport report = gradeFixture("switch-bomb");

        assertCompileFailed(report, TOOK_TOO_LONG, OUT_OF_TIME);
        assertThat(report.summary()).contains("Your code does not compile").containsAnyOf(TOOK_TOO_LONG, OUT_OF_TIME);
    }

    @Test
    void aDoublingTypeOfTwentyStepsRunsOutOfCompileTimeOrMemory() {
        String chain = repeat(20, i -> "        var t" + (i + 1) + " = p(t" + i + ", t" + i + ");");
        GradeReport report = grade("doubling type, 20 steps", probe("""
                    static <T> java.util.Map.Entry<T, T> p(T a, T b) {
                        return java.util.Map.entry(a, b);
                    }

                    static void flood() {
                        var t0 = 1;
                %s
                        long x = t20;
                    }
                """.formatted(chain)));

        assertCompileFailed(report, TOOK_TOO_LONG, OUT_OF_TIME, "ran out of memory");
    }

    @Test
    void aContainerKilledByTheWallClockWhileCompilingIsTheStudentsTimeout() {
        // The harness's own budget normally ends compiling first; if the container's wall clock does, only javac on
        // the student's source had run.
        HarnessRunner shortWallClock = request -> SandboxFixture.sandbox().runner().run(new SandboxRequest(
                request.image(), request.command(), request.stdin(),
                new SandboxLimits(request.limits().memoryMb(), request.limits().cpus(), Duration.ofSeconds(4),
                        request.limits().cpuset()), request.label(), request.protocolLine()));
        GradeReport report = grade("switch bomb, 4 s wall clock",
                SandboxFixture.javaFiles(FIXTURES.resolve("hostile/compile-bombs/switch-bomb")), shortWallClock);

        assertCompileFailed(report, OUT_OF_TIME + " of 30 s");
    }

    // --- javac out of stack ---

    @Test
    void blocksNestedTooDeeplyAreACompileFailureWithAReason() {
        GradeReport report = grade("50000 nested blocks",
                probe("    static void f() " + "{".repeat(50_000) + "}".repeat(50_000)));

        assertCompileFailed(report, NESTS_TOO_DEEPLY);
    }

    @Test
    void anEndlessExpressionIsACompileFailureWithAReason() {
        GradeReport report = grade("sum of 50000 terms",
                probe("    static int x = " + repeat(50_000, i -> "1").replace("\n", " + ") + ";"));

        assertCompileFailed(report, NESTS_TOO_DEEPLY, TOOK_TOO_LONG, OUT_OF_TIME);
    }

    // --- too many or too long messages ---

    @Test
    void aMegabyteErrorMessageIsCutNotDropped() {
        GradeReport report = gradeFixture("error-flood");

        assertCompileFailed(report, "incompatible types", TOOK_TOO_LONG, OUT_OF_TIME);
    }

    @Test
    void aLongMessageIsCutAndSaysSo() {
        GradeReport report = grade("200 KB identifier", probe("    static int x = " + "y".repeat(200_000) + ";"));

        assertCompileFailed(report, "cannot find symbol");
        assertThat(report.compileErrors().getFirst().message()).endsWith("[... message truncated: too long]");
        assertThat(report.compileErrors().getFirst().line()).isEqualTo(2);
    }

    @Test
    void thousandsOfErrorsAreCappedWithACount() {
        GradeReport report = grade("5000 errors",
                probe(repeat(5000, i -> "    static int e" + i + " = \"not a number\";")));

        assertCompileFailed(report, "incompatible types");
        assertThat(report.compileErrors()).hasSize(21);
        assertThat(report.compileErrors().getLast().message()).startsWith("... and at least 80 more errors");
    }

    // --- limits of the class-file format: ordinary compile errors ---

    @Test
    void aStringConstantTooLongForAClassFileIsAnOrdinaryCompileError() {
        GradeReport report = grade("80 KB string constant", probe("    static String s = \"" + "ab".repeat(40_000) + "\";"));

        assertCompileFailed(report, "constant string too long");
        assertThat(report.compileErrors().getFirst().file()).isEqualTo("Probe.java");
    }

    @Test
    void aMethodTooLargeForAClassFileIsAnOrdinaryCompileError() {
        GradeReport report = grade("20000-element array constant", probe("    static int[] a = {"
                + repeat(20_000, Integer::toString).replace("\n", ", ") + "};"));

        assertCompileFailed(report, "code too large");
    }

    // --- big but valid code is graded as usual (sizes well inside the budget even on a loaded host: 2000 classes
    // or a 3000-statement method took 4-6 s of javac in a one-CPU container while other builds ran) ---

    @Test
    void thousandsOfClassesAreGradedNormally() {
        assertGradedNormally(grade("500 nested classes",
                probe(repeat(500, i -> "    static class C" + i + " { int v = " + i + "; }"))));
    }

    @Test
    void aGiantGeneratedMethodIsGradedNormally() {
        assertGradedNormally(grade("method of 1000 statements",
                probe("    static long f(long x) {\n" + repeat(1000, i -> "        x = x * 31 + " + i + ";")
                        + "\n        return x;\n    }")));
    }

    @Test
    void annotationHeavyCodeIsGradedNormally() {
        String annotations = """
                    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                    @java.lang.annotation.Repeatable(Ms.class)
                    @interface M { String[] value(); }

                    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                    @interface Ms { M[] value(); }

                """ + repeat(500, i -> "    @M({" + IntStream.range(0, 40).mapToObj(j -> "\"v" + i + "_" + j + "\"")
                .collect(Collectors.joining(", ")) + "})") + "\n    static int annotated;";
        assertGradedNormally(grade("500 repeated annotations", probe(annotations)));
    }
}
