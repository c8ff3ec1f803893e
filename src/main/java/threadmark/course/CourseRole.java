package threadmark.course;

/** What a staff member may do in one course. */
public enum CourseRole {
    /** Runs the course: roster, assignments, settings, and who else is staff; grades like an assistant. */
    INSTRUCTOR,
    /** Sees the course and grades: its gradebook, its students' submissions, regrades; changes nothing else. */
    ASSISTANT
}
