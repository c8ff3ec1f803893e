package threadmark.grading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import threadmark.format.ExerciseFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static threadmark.grading.SandboxFixture.FIXTURES;

/**
 * Correct submissions that hunt for the hidden test's code from a visible test, graded through the real sandbox.
 * The secret-probe exercise runs {@code VisibleProbeTest} first; {@code HiddenProbeTest} keeps secrets in a string
 * literal, a local variable's name and a nested class that the run never needs. Nothing of them may reach the
 * student, whatever route the code takes. docs/security.md lists the routes and what is left.
 */
@Tag("sandbox")
class HiddenTestsStayHiddenTest {

    private static final String CODE_SECRET = "code-secret-9e27b";
    private static final String NESTED_SECRET = "nested-secret-5a0f";
    private static final String LOCAL_NAME = "secretLocalCount";

    private static ExerciseFolder secretProbe;

    @BeforeAll
    static void readExercise() {
        secretProbe = SandboxFixture.exercise(FIXTURES.resolve("secret-probe"));
    }

    /** What the visible test printed: the student sees it in full. */
    private static String printedByTheVisibleTest(String hostile) {
        GradeReport report = SandboxFixture.grade(secretProbe,
                SandboxFixture.javaFiles(FIXTURES.resolve("hostile").resolve(hostile)));
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.TESTED);
        assertThat(report.score()).as("a correct solution, whatever else it does").isEqualTo(100.0);
        String printed = report.test("VisibleProbeTest#runsFirst").output();
        assertThat(printed).doesNotContain(CODE_SECRET).doesNotContain(LOCAL_NAME).doesNotContain("FOUND")
                .doesNotContain("HiddenProbeTest.java");
        assertThat(report.output()).doesNotContain(CODE_SECRET).doesNotContain(NESTED_SECRET);
        return printed;
    }

    @Test
    void referenceSolutionScoresFullMarks() {
        GradeReport report = SandboxFixture.grade(secretProbe, secretProbe.solutions().get("reference"));
        assertThat(report.score()).isEqualTo(100.0);
    }

    /** The sample attack: a heap dump taken while the hidden test's bytes waited in the class loader (100 before). */
    @Test
    void heapDumpThroughTheDiagnosticMXBeanIsNotThere() {
        String printed = printedByTheVisibleTest("heap-dump-mxbean");
        assertThat(printed).doesNotContain(NESTED_SECRET)
                .contains("hotspot-diagnostic-dump:unavailable InstanceNotFoundException")
                .contains("hotspot-diagnostic-mxbean:unavailable ClassNotFoundException");
    }

    /**
     * jcmd's MBean: the symbol table (every loaded class's string constants), flight recordings, agents, VM flags.
     * Defining the hidden tests early would put their constants in the symbol table: this MBean must be gone.
     */
    @Test
    void diagnosticCommandsAreNotThere() {
        String printed = printedByTheVisibleTest("diagnostic-command");
        assertThat(printed).doesNotContain(NESTED_SECRET).doesNotContain("ANSWERED")
                .contains("diagnostic-command:absent")
                .contains("vmSymboltable:unavailable InstanceNotFoundException")
                .contains("jfrStart:unavailable InstanceNotFoundException")
                .contains("jvmtiAgentLoad:unavailable InstanceNotFoundException");
    }

    @Test
    void flightRecorderIsNotThere() {
        String printed = printedByTheVisibleTest("flight-recorder");
        assertThat(printed).doesNotContain(NESTED_SECRET).doesNotContain("STARTED")
                .contains("jfr-module:absent").contains("jfr-recording:unavailable ClassNotFoundException");
    }

    /** The memory itself stays closed (undumpable process); maps and smaps show the layout only, no content. */
    @Test
    void procSelfMemIsClosed() {
        String printed = printedByTheVisibleTest("proc-mem-hidden-tests");
        assertThat(printed).doesNotContain(NESTED_SECRET).doesNotContain("OPENED")
                .contains("/proc/self/mem:denied").contains("/proc/1/mem:denied")
                .contains("/proc/thread-self/mem:denied").contains("/proc/self/pagemap:denied");
    }

    @Test
    void toolsChildJvmsAttachAndInstrumentationReachNothing() {
        String printed = printedByTheVisibleTest("child-jvm-attach");
        assertThat(printed).doesNotContain(NESTED_SECRET).doesNotContain("PRESENT").doesNotContain("ATTACHED")
                .contains("jcmd:absent").contains("jmap:absent").contains("jhsdb:absent")
                .contains("class java.lang.instrument.Instrumentation:absent")
                .contains("class com.sun.management.HotSpotDiagnosticMXBean:absent")
                .contains("child-attach:denied").contains("child-proc-mem:denied");
    }

    /**
     * Reflection reaches the hidden test's structure and can call its methods (docs/security.md, known limits), but
     * not its code: no class bytes, no constant pool, no line numbers or local names (tests carry no debug
     * information).
     */
    @Test
    void reflectionFindsNoClassBytesNoConstantPoolAndNoDebugInformation() {
        String printed = printedByTheVisibleTest("reflect-hidden-tests");
        assertThat(printed).doesNotContain("resource HiddenProbeTest.class:FOUND")
                .contains("resource HiddenProbeTest.class:none").contains("class-resource:none")
                .contains("constant-pool:denied InaccessibleObjectException");
        assertThat(printed).contains("hidden frame HiddenProbeTest.keepsItsSecrets(Unknown Source)");
        // The known limit: the test class can be named and its methods called, so a helper's result is open.
        assertThat(printed).contains("forName:loaded HiddenProbeTest")
                .contains("method HiddenProbeTest$Oracle.answer returned " + NESTED_SECRET);
    }
}
