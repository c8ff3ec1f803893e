package threadmark.check;

import org.opentest4j.TestAbortedException;

/**
 * A measurement that could not be made fairly (the machine did not give the run its CPUs), as opposed to a verdict
 * on the student's code. The test is aborted with a message the server recognises; it retries the grading and never
 * turns an inconclusive run into points or a failure.
 <p>
 * Example: see {@link Starvation}.
 */
public final class Inconclusive {

    /** The prefix the server looks for in an aborted test's message. */
    public static final String PREFIX = "Inconclusive measurement";

    private Inconclusive() {
    }

    /**
     * The exception to throw when the machine could not measure fairly: the test is then not measured yet, earns
     * nothing, and is measured again later, instead of failing the student.
     */
    public static TestAbortedException because(String why) {
        return new TestAbortedException(PREFIX + ": " + why);
    }
}
