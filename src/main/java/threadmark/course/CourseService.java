package threadmark.course;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import threadmark.exercise.Exercise;
import threadmark.user.Role;
import threadmark.user.User;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Creates courses, enrols students (one at a time or a whole roster at once) and sets assignments. */
@ApplicationScoped
public class CourseService {

    /** A student account made while enrolling, with the password to hand over (shown this once). */
    public record NewAccount(String username, String password) {
    }

    public record Enrolled(int enrolled, int alreadyEnrolled, List<NewAccount> created) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static Course find(String slug) {
        return Course.bySlug(slug).orElseThrow(() -> new NotFoundException("no course '" + slug + "'"));
    }

    @Transactional
    public Course create(String slug, String title, Course.Counting counting) {
        if (Course.bySlug(slug).isPresent()) {
            throw new ClientErrorException("course '" + slug + "' already exists", Response.Status.CONFLICT);
        }
        Course course = new Course();
        course.slug = slug;
        course.title = title.strip();
        course.counting = counting == null ? Course.Counting.BEST : counting;
        course.persist();
        return course;
    }

    @Transactional
    public Course update(String slug, String title, Course.Counting counting) {
        Course course = find(slug);
        if (title != null && !title.isBlank()) {
            course.title = title.strip();
        }
        if (counting != null) {
            course.counting = counting;
        }
        return course;
    }

    /**
     * Enrols every entry, or none: a username that belongs to staff, or an SIS id that belongs to someone else,
     * refuses the whole batch with every such problem named.
     */
    @Transactional
    public Enrolled enrol(String courseSlug, List<StudentEntry> entries) {
        Course course = find(courseSlug);
        List<String> problems = new ArrayList<>();
        for (StudentEntry e : entries) {
            User.byUsername(e.username()).filter(User::isStaff).ifPresent(u ->
                    problems.add("'" + e.username() + "' is a staff account, not a student"));
            if (e.sisId() != null) {
                User.bySisId(e.sisId()).filter(u -> !u.username.equals(e.username())).ifPresent(u ->
                        problems.add("SIS id '" + e.sisId() + "' already belongs to '" + u.username + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RosterCsv.InvalidRosterException(problems);
        }
        List<NewAccount> created = new ArrayList<>();
        int enrolled = 0;
        int already = 0;
        for (StudentEntry e : entries) {
            User student = User.byUsername(e.username()).orElse(null);
            if (student == null) {
                String password = e.password() != null ? e.password() : generatedPassword();
                student = User.create(e.username(), password, Role.STUDENT);
                if (e.password() == null) {
                    created.add(new NewAccount(e.username(), password));
                }
            } else if (e.password() != null) {
                student.passwordHash = BcryptUtil.bcryptHash(e.password());
            }
            if (e.email() != null) {
                student.email = e.email();
            }
            if (e.sisId() != null) {
                student.sisId = e.sisId();
            }
            if (e.displayName() != null) {
                student.displayName = e.displayName();
            }
            Enrolment enrolment = Enrolment.of(course, student).orElse(null);
            if (enrolment == null) {
                enrolment = new Enrolment();
                enrolment.course = course;
                enrolment.user = student;
                enrolment.persist();
                enrolled++;
            } else {
                already++;
            }
            if (e.section() != null) {
                enrolment.section = e.section();
            }
        }
        return new Enrolled(enrolled, already, created);
    }

    @Transactional
    public void unenrol(String courseSlug, String username) {
        Course course = find(courseSlug);
        User student = User.byUsername(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        Enrolment enrolment = Enrolment.of(course, student).orElseThrow(() ->
                new NotFoundException("'" + username + "' is not enrolled in '" + courseSlug + "'"));
        enrolment.delete();
    }

    @Transactional
    public Assignment assign(String courseSlug, String exerciseSlug, AssignmentChange change) {
        Course course = find(courseSlug);
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
        assignment.persist();
        return assignment;
    }

    @Transactional
    public void unassign(String courseSlug, String exerciseSlug) {
        Assignment assignment = Assignment.of(find(courseSlug), exerciseSlug).orElseThrow(() ->
                new NotFoundException("'" + exerciseSlug + "' is not assigned in '" + courseSlug + "'"));
        assignment.delete();
    }

    private static String generatedPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
