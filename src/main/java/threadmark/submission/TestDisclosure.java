package threadmark.submission;


/**
 * The one rule for what a reader may see of a grading, used by the result page and the JSON API alike. Staff see
 * everything. A student sees every test's name, status, points and message, but what a hidden test printed only if
 * the test is visible, and the run's output outside the tests not at all: student code runs inside the hidden tests,
 * so what it prints there (or writes straight to the process's stdout) can carry what the hidden test handed it.
 */
final class TestDisclosure {

    private TestDisclosure() {
    }

    /** What the test printed, or null if the reader may not see it. */
    static String output(TestResult result, boolean staff) {
        return staff || result.visible ? result.output : null;
    }

    /** The run's own output (stdout and stderr outside any test), or null if the reader may not see it. */
    static String runOutput(String output, boolean staff) {
        return staff ? output : null;
    }
}
