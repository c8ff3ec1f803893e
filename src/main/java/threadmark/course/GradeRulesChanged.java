package threadmark.course;

/**
 * Fired inside the transaction that changed what a course's submissions count for: its best/last rule, an
 * assignment's dates, late or attempt policy, or one student's extension. {@code assignmentId} and {@code userId}
 * narrow the change when they are not null.
 */
public record GradeRulesChanged(long courseId, Long assignmentId, Long userId) {
}
