package threadmark.grading;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a student reads about tests the machine was too busy to measure fairly: while they wait for a fair
 * measurement (the score is provisional), and once the server stops waiting (they earn nothing, and say why).
 */
public final class Unmeasured {

    /** Marks a test the check library aborted ({@code threadmark.check.Inconclusive.PREFIX}). */
    static final String INCONCLUSIVE = "Inconclusive measurement";

    private static final String SO_FAR = " points so far.";

    private Unmeasured() {
    }

    static boolean isInconclusive(String abortMessage) {
        return abortMessage != null && abortMessage.contains(INCONCLUSIVE);
    }

    /** An unmeasured test's message while it waits; the check's own words follow on the next line. */
    public static String waitingMessage(String abortMessage) {
        return "Not measured yet: the machine was too busy to measure this fairly. It earns its points only once it "
                + "is measured fairly; nothing in this message is a verdict on your code.\n" + abortMessage;
    }

    /** "X of Y points" for a provisional report. */
    public static String pointsSoFar(String points) {
        return points + SO_FAR;
    }

    /** What a provisional summary says when every measured test passed. */
    public static String othersPassed(int measured) {
        return measured == 0 ? "" : measured == 1 ? "The other test passed." : "The other " + measured + " tests passed.";
    }

    /** The sentence a provisional summary ends with. */
    public static String waitingNote(List<GradeReport.TestVerdict> unmeasured) {
        return count(unmeasured) + " could not be measured fairly because the machine was busy (" + names(unmeasured)
                + "): the score is provisional until " + (unmeasured.size() == 1 ? "it is" : "they are")
                + " measured again.";
    }

    private static String finalNote(List<GradeReport.TestVerdict> unmeasured, String why) {
        return count(unmeasured) + " could not be measured fairly (" + names(unmeasured) + "): " + why
                + ", so " + (unmeasured.size() == 1 ? "it earns" : "they earn") + " no points. Your instructor can "
                + "regrade the submission when the machine is quiet.";
    }

    /**
     * The verdict once the server stops waiting ({@code runs} runs over {@code waited}): the unmeasured tests are
     * not judged (aborted) and earn nothing, and the summary and their messages say why instead of promising another
     * measurement.
     */
    public static GradeReport finalVerdict(GradeReport provisional, int runs, Duration waited) {
        List<GradeReport.TestVerdict> unmeasured = provisional.unmeasured();
        if (unmeasured.isEmpty()) {
            return provisional;
        }
        String why = "the machine stayed too busy through " + runs + (runs == 1 ? " run" : " runs") + " over "
                + minutes(waited);
        String summary = provisional.summary().replace(waitingNote(unmeasured), finalNote(unmeasured, why))
                .replace(SO_FAR, " points.");
        List<GradeReport.TestVerdict> tests = provisional.tests().stream()
                .map(t -> t.status() != GradeReport.Status.UNMEASURED ? t : new GradeReport.TestVerdict(t.id(),
                        t.displayName(), GradeReport.Status.ABORTED, 0, t.maxPoints(), t.visible(),
                        "Not measured: " + why + ", so this test earns no points; your instructor can regrade the "
                                + "submission." + afterFirstLine(t.message()),
                        t.output(), t.durationMillis()))
                .toList();
        return new GradeReport(provisional.outcome(), summary, provisional.score(), provisional.maxScore(),
                provisional.compileErrors(), tests, provisional.output(), provisional.timings());
    }

    private static String count(List<GradeReport.TestVerdict> unmeasured) {
        return unmeasured.size() == 1 ? "1 test" : unmeasured.size() + " tests";
    }

    private static String names(List<GradeReport.TestVerdict> unmeasured) {
        return unmeasured.stream().map(GradeReport.TestVerdict::displayName).collect(Collectors.joining(", "));
    }

    static String minutes(Duration waited) {
        long seconds = Math.max(0, waited.toSeconds());
        return seconds < 120 ? seconds + " s" : (seconds + 30) / 60 + " minutes";
    }

    private static String afterFirstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? "" : message.substring(newline);
    }
}
