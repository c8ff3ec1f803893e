package threadmark.submission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
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

    /** Students read their own submissions; staff read everyone's. */
    public boolean readableBy(User reader) {
        return reader.isStaff() || user.id.equals(reader.id);
    }

    public static long countSince(User user, Instant since) {
        return count("user = ?1 and submittedAt > ?2", user, since);
    }

    public static List<Submission> byUserAndExercise(User user, String slug) {
        return list("user = ?1 and exercise.slug = ?2 order by id desc", user, slug);
    }
}
