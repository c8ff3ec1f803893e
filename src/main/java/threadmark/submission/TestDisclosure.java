package threadmark.submission;

import threadmark.course.Assignment;
import threadmark.user.User;

import java.time.Instant;

/**
 * The one rule for what a reader may see of a grading, used by the result page and the JSON API alike. Staff see
 * everything. A student sees every test's name, status, points and message, but what a hidden test printed only once
 * an assignment that reveals hidden tests has ended for them, and the run's output outside the tests not at all:
 * student code runs inside the hidden tests,
 * so what it prints there (or writes straight to the process's stdout) can carry what the hidden test handed it.
 */
final class TestDisclosure {

    private TestDisclosure() {
    }

    /**
     * Whether the reader sees what hidden tests printed in {@code submission}'s gradings: staff always; its student
     * once their assignment has ended and reveals the hidden tests (then no submission of theirs can count any more).
     */
    static boolean hiddenOutputShown(Submission submission, boolean staff) {
        return hiddenOutputShown(submission.user, submission.exercise.slug, staff);
    }

    /** The same, for any submission of {@code author} to {@code slug}. */
    static boolean hiddenOutputShown(User author, String slug, boolean staff) {
        return staff || Assignment.hiddenTestsOpenTo(author, slug, Instant.now());
    }

    /** What the test printed, or null if the reader may not see it ({@code hiddenShown}: see above). */
    static String output(TestResult result, boolean hiddenShown) {
        return hiddenShown || result.visible ? result.output : null;
    }

    /** The run's own output (stdout and stderr outside any test), or null if the reader may not see it. */
    static String runOutput(String output, boolean staff) {
        return staff ? output : null;
    }
}
