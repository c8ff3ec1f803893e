package threadmark.gradebook;

import java.time.Instant;
import java.util.List;

/**
 * A course's grades, computed: one column per assigned exercise, one row per enrolled student with the points that
 * count after the late policy, and one line per submission saying whether and why it counts.
 */
public record Gradebook(String course, String title, String counting, List<Column> columns, List<StudentRow> students,
                        List<SubmissionLine> submissions) {

    /** An assigned exercise; {@code lmsId} is the LMS's id for it, when the instructor gave one. */
    public record Column(String exercise, String title, String lmsId, double maxPoints, Instant dueAt,
                         double latePenaltyPerDay, Instant cutoffAt) {
    }

    /** A student's points per column, in column order (null: nothing counts yet), and their sum. */
    public record StudentRow(String username, String name, String email, String sisId, String section,
                             List<Double> points, double total) {
    }

    /** One submission of an enrolled student to an assigned exercise, with its latest finished result. */
    public record SubmissionLine(String username, String name, String email, String sisId, String section,
                                 String exercise, int exerciseVersion, long submission, Instant submittedAt,
                                 String status, Double score, Double maxScore, Integer gradedVersion, int daysLate,
                                 double penaltyPercent, Double points, boolean counted, String note,
                                 String earlierScores) {
    }

    public double maxTotal() {
        return columns.stream().mapToDouble(Column::maxPoints).sum();
    }
}
