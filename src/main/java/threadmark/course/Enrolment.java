package threadmark.course;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
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

/** A student taking a course, in a section (the LMS's section name, exported with the grades). */
@Entity
@Table(name = "enrolment")
public class Enrolment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Course course;

    @ManyToOne(optional = false)
    public User user;

    public String section;
    public Instant enrolledAt = Instant.now();

    public static Optional<Enrolment> of(Course course, User user) {
        return find("course = ?1 and user = ?2", course, user).firstResultOptional();
    }

    /** A course's students, in the order a gradebook lists them. */
    public static List<Enrolment> inCourse(Course course) {
        return list("course = ?1 order by coalesce(user.displayName, user.username), user.username", course);
    }
}
