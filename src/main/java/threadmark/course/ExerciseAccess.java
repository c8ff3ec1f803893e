package threadmark.course;

import jakarta.ws.rs.NotFoundException;
import threadmark.exercise.Exercise;
import threadmark.exercise.ExerciseListing;
import threadmark.user.User;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which exercises a reader may open and submit to. Staff: every one. A student: while it is listed, those a course of
 * theirs assigns, and those open for practice. Call inside a transaction.
 */
public final class ExerciseAccess {

    /** A course of the student's, with its assigned exercises that they may open, in the course's order. */
    public record CourseExercises(Course course, List<Assignment> assignments) {
    }

    private ExerciseAccess() {
    }

    public static boolean mayOpen(User user, String slug) {
        if (user.isStaff()) {
            return true;
        }
        ExerciseListing listing = ExerciseListing.of(slug);
        if (!listing.listed()) {
            return false;
        }
        return listing.practice || Assignment.count("exerciseSlug = ?1 and course in "
                + "(select e.course from Enrolment e where e.user = ?2)", slug, user) > 0;
    }

    /** 404, as for an exercise that does not exist, unless {@code user} may open {@code slug}. */
    public static void requireMayOpen(User user, String slug) {
        if (!mayOpen(user, slug)) {
            throw new NotFoundException("no exercise '" + slug + "' in your courses");
        }
    }

    /** The courses that enrol {@code student}, by title, each with the listed exercises it assigns. */
    public static List<CourseExercises> coursesOf(User student) {
        Map<String, ExerciseListing> listings = ExerciseListing.all();
        Set<String> published = new HashSet<>(Exercise.catalogue().stream().map(e -> e.slug).toList());
        List<Course> courses = Course.list("select e.course from Enrolment e where e.user = ?1 order by e.course.title, "
                + "e.course.slug", student);
        return courses.stream().map(c -> new CourseExercises(c, Assignment.inCourse(c).stream()
                .filter(a -> published.contains(a.exerciseSlug))
                .filter(a -> listings.get(a.exerciseSlug) == null || listings.get(a.exerciseSlug).listed())
                .toList())).toList();
    }

    /** The listed exercises open to everyone for practice that none of {@code courses} assigns, by slug. */
    public static Set<String> practiceBeyond(List<CourseExercises> courses) {
        Set<String> practice = new HashSet<>(ExerciseListing.openForPractice());
        courses.forEach(c -> c.assignments().forEach(a -> practice.remove(a.exerciseSlug)));
        return practice;
    }
}
