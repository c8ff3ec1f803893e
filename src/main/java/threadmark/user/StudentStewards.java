package threadmark.user;

/**
 * Who may reset or disable a student's account besides an admin: implemented by the course feature (the instructors
 * of a course that enrols the student), so that accounts need not know about courses.
 */
public interface StudentStewards {

    boolean mayManage(User staff, User student);
}
