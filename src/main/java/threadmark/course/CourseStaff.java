package threadmark.course;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import threadmark.user.User;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A staff member's role in one course, granted by one of the course's instructors (or an admin). */
@Entity
@Table(name = "course_staff")
public class CourseStaff extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Course course;

    @ManyToOne(optional = false)
    public User user;

    @Enumerated(EnumType.STRING)
    public CourseRole role;

    @ManyToOne(fetch = FetchType.LAZY)
    public User grantedBy;

    public Instant grantedAt = Instant.now();

    public static Optional<CourseStaff> of(Course course, User user) {
        return find("course = ?1 and user = ?2", course, user).firstResultOptional();
    }

    public static List<CourseStaff> inCourse(Course course) {
        return list("course = ?1 order by role, user.username", course);
    }

    public static long instructorsOf(Course course) {
        return count("course = ?1 and role = ?2", course, CourseRole.INSTRUCTOR);
    }

    /**
     * Whether {@code staff} holds a role in a course in which {@code student} is enrolled and {@code exercise} is
     * assigned: the course work they may see.
     */
    public static boolean teaches(User staff, User student, String exercise) {
        return find("select count(s) from CourseStaff s, Enrolment e, Assignment a where s.course = e.course "
                + "and a.course = s.course and s.user = ?1 and e.user = ?2 and a.exerciseSlug = ?3", staff, student,
                exercise).project(Long.class).firstResult() > 0;
    }

    /** The courses in which {@code student} is enrolled and {@code staff} is not an instructor. */
    public static List<Course> notRunBy(User staff, User student) {
        return find("select e.course from Enrolment e where e.user = ?1 and not exists (select 1 from CourseStaff s "
                + "where s.course = e.course and s.user = ?2 and s.role = ?3) order by e.course.slug",
                student, staff, CourseRole.INSTRUCTOR).project(Course.class).list();
    }
}
