package threadmark.course;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import threadmark.exercise.Exercise;
import threadmark.user.User;

import java.time.Instant;
import java.util.List;

/**
 * Creates courses (their creator becomes their instructor), changes them, unenrols students, sets assignments and
 * grants staff roles; each change only by the course's instructors or an admin ({@link CourseAccess}).
 */
@ApplicationScoped
public class CourseService {

    @Inject
    Event<GradeRulesChanged> gradeRules;

    public static Course find(String slug) {
        return Course.bySlug(slug).orElseThrow(() -> new NotFoundException("no course '" + slug + "'"));
    }

    @Transactional
    public Course create(String slug, String title, Course.Counting counting, User creator) {
        if (Course.bySlug(slug).isPresent()) {
            throw new ClientErrorException("course '" + slug + "' already exists", Response.Status.CONFLICT);
        }
        Course course = new Course();
        course.slug = slug;
        course.title = title.strip();
        course.counting = counting == null ? Course.Counting.BEST : counting;
        course.persist();
        CourseStaff owner = new CourseStaff();
        owner.course = course;
        owner.user = creator;
        owner.role = CourseRole.INSTRUCTOR;
        owner.grantedBy = creator;
        owner.persist();
        return course;
    }

    @Transactional
    public Course update(String slug, String title, Course.Counting counting, User actor) {
        Course course = CourseAccess.manageable(slug, actor);
        if (title != null && !title.isBlank()) {
            course.title = title.strip();
        }
        if (counting != null && counting != course.counting) {
            course.counting = counting;
            gradeRules.fire(new GradeRulesChanged(course.id, null, null));
        }
        return course;
    }

    @Transactional
    public void unenrol(String courseSlug, String username, User actor) {
        Course course = CourseAccess.manageable(courseSlug, actor);
        User student = User.byUsername(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        Enrolment enrolment = Enrolment.of(course, student).orElseThrow(() ->
                new NotFoundException("'" + username + "' is not enrolled in '" + courseSlug + "'"));
        enrolment.delete();
    }

    @Transactional
    public Assignment assign(String courseSlug, String exerciseSlug, AssignmentChange change, User actor) {
        Course course = CourseAccess.manageable(courseSlug, actor);
        Exercise.current(exerciseSlug).orElseThrow(() -> new NotFoundException("no exercise '" + exerciseSlug + "'"));
        List<String> problems = change.problems();
        if (!problems.isEmpty()) {
            throw new BadRequestException(String.join("; ", problems));
        }
        Assignment assignment = Assignment.of(course, exerciseSlug).orElseGet(() -> {
            Assignment a = new Assignment();
            a.course = course;
            a.exerciseSlug = exerciseSlug;
            a.position = (int) Assignment.count("course", course);
            return a;
        });
        assignment.releaseAt = change.releaseAt();
        assignment.dueAt = change.dueAt();
        assignment.latePenaltyPerDay = change.latePenaltyPerDay() == null ? 0 : change.latePenaltyPerDay();
        assignment.cutoffAt = change.cutoffAt();
        assignment.lmsId = change.lmsId() == null || change.lmsId().isBlank() ? null : change.lmsId().strip();
        if (change.position() != null) {
            assignment.position = change.position();
        }
        assignment.maxSubmissions = change.maxSubmissions();
        assignment.freeSubmissions = change.freeSubmissions();
        assignment.attemptPenalty = change.attemptPenalty() == null ? 0 : change.attemptPenalty();
        assignment.revealHiddenTests = Boolean.TRUE.equals(change.revealHiddenTests());
        assignment.persist();
        gradeRules.fire(new GradeRulesChanged(course.id, assignment.id, null));
        return assignment;
    }

    @Transactional
    public void unassign(String courseSlug, String exerciseSlug, User actor) {
        Assignment assignment = Assignment.of(CourseAccess.manageable(courseSlug, actor), exerciseSlug).orElseThrow(() ->
                new NotFoundException("'" + exerciseSlug + "' is not assigned in '" + courseSlug + "'"));
        assignment.delete();
    }

    /** Gives an enrolled student a later deadline on one assignment, or changes the one they hold. */
    @Transactional
    public Extension extend(String courseSlug, String exerciseSlug, String username, Instant dueAt, Instant cutoffAt,
                            User actor) {
        Course course = CourseAccess.manageable(courseSlug, actor);
        Assignment assignment = Assignment.of(course, exerciseSlug).orElseThrow(() ->
                new NotFoundException("'" + exerciseSlug + "' is not assigned in '" + courseSlug + "'"));
        User student = User.byUsername(username).filter(u -> Enrolment.of(course, u).isPresent())
                .orElseThrow(() -> new NotFoundException("no student '" + username + "' in '" + courseSlug + "'"));
        if (assignment.dueAt == null) {
            throw new BadRequestException("'" + exerciseSlug + "' has no deadline in '" + courseSlug + "' to extend");
        }
        if (!dueAt.isAfter(assignment.dueAt)) {
            throw new BadRequestException("an extension moves the deadline later: " + dueAt + " is not after the "
                    + "course's deadline " + assignment.dueAt);
        }
        if (cutoffAt != null && cutoffAt.isBefore(dueAt)) {
            throw new BadRequestException("the cut-off (" + cutoffAt + ") is before the extended deadline (" + dueAt
                    + ")");
        }
        Extension extension = Extension.of(assignment, student).orElseGet(() -> {
            Extension e = new Extension();
            e.assignment = assignment;
            e.user = student;
            return e;
        });
        extension.dueAt = dueAt;
        extension.cutoffAt = cutoffAt;
        extension.grantedBy = actor;
        extension.grantedAt = Instant.now();
        extension.persist();
        gradeRules.fire(new GradeRulesChanged(course.id, assignment.id, student.id));
        Log.infof("course %s: %s extended %s's deadline on %s to %s", courseSlug, actor.username, username,
                exerciseSlug, dueAt);
        return extension;
    }

    @Transactional
    public void withdrawExtension(String courseSlug, String exerciseSlug, String username, User actor) {
        Course course = CourseAccess.manageable(courseSlug, actor);
        Extension extension = Assignment.of(course, exerciseSlug)
                .flatMap(a -> User.byUsername(username).flatMap(u -> Extension.of(a, u)))
                .orElseThrow(() -> new NotFoundException("'" + username + "' holds no extension on '" + exerciseSlug
                        + "' in '" + courseSlug + "'"));
        extension.delete();
        gradeRules.fire(new GradeRulesChanged(course.id, extension.assignment.id, extension.user.id));
    }

    /** Gives {@code username} (a staff account) a role in the course, or changes the role they hold. */
    @Transactional
    public CourseStaff grant(String courseSlug, String username, CourseRole role, User actor) {
        Course course = CourseAccess.manageable(courseSlug, actor);
        User member = User.byUsername(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        if (!member.isStaff()) {
            throw new BadRequestException("'" + username + "' is a student account: course roles are for staff "
                    + "accounts (an admin creates them)");
        }
        CourseStaff staff = CourseStaff.of(course, member).orElse(null);
        if (staff == null) {
            staff = new CourseStaff();
            staff.course = course;
            staff.user = member;
        } else if (staff.role == CourseRole.INSTRUCTOR && role != CourseRole.INSTRUCTOR) {
            keepAnInstructor(course);
        }
        staff.role = role;
        staff.grantedBy = actor;
        staff.grantedAt = Instant.now();
        staff.persist();
        Log.infof("course %s: %s made %s %s", course.slug, actor.username, username, role);
        return staff;
    }

    @Transactional
    public void revoke(String courseSlug, String username, User actor) {
        Course course = CourseAccess.manageable(courseSlug, actor);
        CourseStaff staff = User.byUsername(username).flatMap(u -> CourseStaff.of(course, u)).orElseThrow(() ->
                new NotFoundException("'" + username + "' holds no role in '" + courseSlug + "'"));
        if (staff.role == CourseRole.INSTRUCTOR) {
            keepAnInstructor(course);
        }
        staff.delete();
        Log.infof("course %s: %s removed %s from the staff", course.slug, actor.username, username);
    }

    /**
     * A course that an LMS vouches for (an LTI launch of a course new to us), its launching staff member its first
     * instructor; the slug is made from {@code title} and kept unique.
     */
    @Transactional
    public Course createVouched(String title, User instructor) {
        String base = slugOf(title);
        String slug = base;
        for (int n = 2; Course.bySlug(slug).isPresent(); n++) {
            slug = base + "-" + n;
        }
        Course course = create(slug, title, Course.Counting.BEST, instructor);
        Log.infof("course %s created from an LMS launch by %s", slug, instructor.username);
        return course;
    }

    /** Enrols a student an LMS vouches for in {@code course}; nothing if enrolled already. */
    @Transactional
    public Enrolment enrolVouched(Course course, User student) {
        return Enrolment.of(course, student).orElseGet(() -> {
            Enrolment enrolment = new Enrolment();
            enrolment.course = course;
            enrolment.user = student;
            enrolment.persist();
            return enrolment;
        });
    }

    /**
     * Gives a staff account the course role an LMS vouches for; an instructor stays one (the LMS may say assistant for a
     * second role of the same person), and nobody is granted anything by a person.
     */
    @Transactional
    public CourseStaff joinStaffVouched(Course course, User member, CourseRole role) {
        if (!member.isStaff()) {
            throw new BadRequestException("'" + member.username + "' is a student account: course roles are for staff");
        }
        CourseStaff staff = CourseStaff.of(course, member).orElse(null);
        if (staff != null) {
            if (staff.role != CourseRole.INSTRUCTOR && role == CourseRole.INSTRUCTOR) {
                staff.role = role;
            }
            return staff;
        }
        staff = new CourseStaff();
        staff.course = course;
        staff.user = member;
        staff.role = role;
        staff.persist();
        Log.infof("course %s: %s joined the staff as %s from an LMS launch", course.slug, member.username, role);
        return staff;
    }

    /** The assignment of {@code exerciseSlug} in {@code course}, made with no dates when an LMS link names it first. */
    @Transactional
    public Assignment assignVouched(Course course, String exerciseSlug) {
        Exercise.current(exerciseSlug).orElseThrow(() -> new NotFoundException("no exercise '" + exerciseSlug + "'"));
        return Assignment.of(course, exerciseSlug).orElseGet(() -> {
            Assignment a = new Assignment();
            a.course = course;
            a.exerciseSlug = exerciseSlug;
            a.position = (int) Assignment.count("course", course);
            a.persist();
            Log.infof("course %s: %s assigned from an LMS link", course.slug, exerciseSlug);
            return a;
        });
    }

    /** A slug of lower-case letters, digits and dashes from a title in any script the LMS uses. */
    static String slugOf(String title) {
        String ascii = java.text.Normalizer.normalize(title == null ? "" : title, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "lms-course" : slug;
    }

    private static void keepAnInstructor(Course course) {
        if (CourseStaff.instructorsOf(course) <= 1) {
            throw new ClientErrorException("'" + course.slug + "' would have no instructor left: make someone else "
                    + "its instructor first", Response.Status.CONFLICT);
        }
    }
}
