package threadmark.submission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import threadmark.course.CourseAccess;
import threadmark.exercise.Exercise;
import threadmark.user.User;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The files a student sent for one exercise version. Committed before anything else happens to it. */
@Entity
@Table(name = "submission")
public class Submission extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public User user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Exercise exercise;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> files;

    public Instant submittedAt = Instant.now();

    /** Sent after the exercise's deadline: accepted and graded, and shown as late. */
    public boolean late;

    /** Sent by staff trying the exercise: graded like any other, never counted in a gradebook. */
    public boolean practice;

    /**
     * Students read their own submissions; staff those of the students in their courses to the exercises those
     * courses assign; admins everyone's.
     */
    public boolean readableBy(User reader) {
        return CourseAccess.mayReadWorkOf(reader, user, exercise.slug);
    }

    /**
     * A query over the submissions {@code reader} may read, newest first, with {@code where} (on {@code s}, parameters
     * from ?2) added: for an admin all, for others their own and those {@link #readableBy(User)} allows.
     */
    public static PanacheQuery<Submission> readableBy(User reader, String where,
                                                                                       Object... parameters) {
        Object[] all = new Object[parameters.length + 1];
        all[0] = reader;
        System.arraycopy(parameters, 0, all, 1, parameters.length);
        String scope = CourseAccess.isAdmin(reader) ? "(s.user = ?1 or s.id is not null)"
                : "(s.user = ?1 or exists (select 1 from CourseStaff cs, Enrolment e, Assignment a where cs.user = ?1 "
                + "and e.course = cs.course and e.user = s.user and a.course = cs.course "
                + "and a.exerciseSlug = s.exercise.slug))";
        return find("from Submission s where " + scope + (where.isBlank() ? "" : " and " + where)
                + " order by s.id desc", all);
    }

    public static long countSince(User user, Instant since) {
        return count("user = ?1 and submittedAt > ?2", user, since);
    }

    public static List<Submission> byUserAndExercise(User user, String slug) {
        return list("user = ?1 and exercise.slug = ?2 order by id desc", user, slug);
    }
}
