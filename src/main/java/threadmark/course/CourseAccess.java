package threadmark.course;

import jakarta.ws.rs.ForbiddenException;
import threadmark.user.Role;
import threadmark.user.User;

import java.util.List;

/**
 * Who may see and change a course: admins every course; other staff only the courses they hold a role in, as an
 * instructor (everything) or a teaching assistant (see and grade). Call inside a transaction.
 */
public final class CourseAccess {

    private CourseAccess() {
    }

    public static boolean isAdmin(User user) {
        return Role.valueOf(user.role) == Role.ADMIN;
    }

    /** The course, if {@code user} may see it and grade in it; 403 otherwise. */
    public static Course viewable(String slug, User user) {
        Course course = CourseService.find(slug);
        if (!isAdmin(user) && CourseStaff.of(course, user).isEmpty()) {
            throw new ForbiddenException("you hold no role in course '" + slug + "': one of its instructors can "
                    + "grant you one");
        }
        return course;
    }

    /** Whether {@code user} may change {@code course}: roster, assignments, settings, staff. */
    public static boolean mayManage(Course course, User user) {
        return isAdmin(user) || CourseStaff.of(course, user).map(s -> s.role == CourseRole.INSTRUCTOR).orElse(false);
    }

    /** The course, if {@code user} may change it (roster, assignments, settings, staff); 403 otherwise. */
    public static Course manageable(String slug, User user) {
        Course course = viewable(slug, user);
        if (!mayManage(course, user)) {
            throw new ForbiddenException("teaching assistants see and grade course '" + slug + "'; only its "
                    + "instructors change its roster, assignments, settings and staff");
        }
        return course;
    }

    /** The courses {@code user} may open, by title. */
    public static List<Course> visibleTo(User user) {
        if (isAdmin(user)) {
            return Course.allByTitle();
        }
        return Course.list("select s.course from CourseStaff s where s.user = ?1 order by s.course.title, "
                + "s.course.slug", user);
    }

    /**
     * Whether {@code reader} may see {@code author}'s submissions to {@code exercise}: their own, an admin's right, or
     * the staff's of a course that enrols the author and assigns the exercise.
     */
    public static boolean mayReadWorkOf(User reader, User author, String exercise) {
        return reader.id.equals(author.id) || isAdmin(reader)
                || reader.isStaff() && CourseStaff.teaches(reader, author, exercise);
    }
}
