package threadmark.course;

import jakarta.enterprise.context.ApplicationScoped;
import threadmark.user.StudentStewards;
import threadmark.user.User;

/** A student's account is managed by the instructors of the courses that enrol them (never by assistants). */
@ApplicationScoped
public class CourseStudentStewards implements StudentStewards {

    @Override
    public boolean mayManage(User staff, User student) {
        return CourseStaff.find("select s from CourseStaff s, Enrolment e where s.user = ?1 and e.user = ?2 "
                + "and e.course = s.course and s.role = ?3", staff, student, CourseRole.INSTRUCTOR)
                .firstResultOptional().isPresent();
    }
}
