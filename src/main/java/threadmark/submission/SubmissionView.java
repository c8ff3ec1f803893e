package threadmark.submission;

import threadmark.format.FeedbackTranslator;
import threadmark.grading.CompileError;
import threadmark.grading.GradeReport;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A submission and its latest grading as the API shows it. While {@code provisional}, the score and tests are those
 * of a run a busy machine could not fully measure: failures stand, the score may rise; status {@code WAITING} with
 * {@code remeasureAt} says when it is measured again.
 */
public record SubmissionView(
        long id,
        String exercise,
        int exerciseVersion,
        String user,
        Instant submittedAt,
        boolean late,
        Instant startedAt,
        Instant finishedAt,
        Grading.Status status,
        Long queuePosition,
        Long estimatedWaitSeconds,
        GradeReport.Outcome outcome,
        Double score,
        Double maxScore,
        String summary,
        List<CompileError> compileErrors,
        List<TestView> tests,
        String output,
        Map<String, Long> timings,
        Map<String, String> files,
        int gradedVersion,
        List<Run> gradings,
        boolean provisional,
        Instant remeasureAt,
        int remeasures) {

    /** One grading of the submission, oldest first: regrades add runs, and earlier scores stay. */
    public record Run(long id, int exerciseVersion, Grading.Status status, Double score, Double maxScore,
                      Instant finishedAt, boolean regrade) {
        static Run of(Grading g) {
            return new Run(g.id, g.exercise.version, g.status, g.score, g.maxScore, g.finishedAt, g.isRegrade());
        }
    }

    /**
     * One test's verdict; the test's source is never included. {@code messageRu} is the message in Russian where the
     * exercise and the check library translate it, English where they do not.
     */
    public record TestView(String id, String name, GradeReport.Status status, double points, double maxPoints,
                           boolean visible, String message, String messageRu, String output, Long durationMillis) {
        static TestView of(TestResult result, boolean hiddenShown, FeedbackTranslator russian) {
            return new TestView(result.testId, result.displayName, result.status, result.points, result.maxPoints,
                    result.visible, result.message, russian.translate(result.message).text(),
                    TestDisclosure.output(result, hiddenShown), result.durationMillis);
        }
    }

    /**
     * The view of a submission from its gradings, oldest first; the latest is the one it shows. A student reader
     * sees what {@link TestDisclosure} allows ({@code hiddenShown}: what hidden tests printed); staff see everything.
     */
    static SubmissionView of(Submission submission, List<Grading> history, QueueSnapshot queue, boolean withFiles,
                              boolean staff, boolean hiddenShown) {
        Grading grading = history.getLast();
        boolean shown = grading.status.finished() || grading.isProvisional();
        FeedbackTranslator russian = FeedbackTranslator.russian(grading.exercise.definition.feedbackRu());
        return new SubmissionView(submission.id, submission.exercise.slug, submission.exercise.version,
                submission.user.username, submission.submittedAt, submission.late, grading.startedAt, grading.finishedAt, grading.status,
                queue.position(grading), queue.estimatedWaitSeconds(grading),
                grading.outcome, grading.score, grading.maxScore, grading.summary,
                shown && grading.compileErrors != null ? grading.compileErrors : List.of(),
                shown ? grading.results.stream().map(r -> TestView.of(r, hiddenShown, russian)).toList() : List.of(),
                TestDisclosure.runOutput(grading.output, staff), grading.timings, withFiles ? submission.files : null,
                grading.exercise.version, history.stream().map(Run::of).toList(), grading.isProvisional(),
                grading.status == Grading.Status.WAITING ? grading.remeasureAt : null, grading.remeasures);
    }
}
