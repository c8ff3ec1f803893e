package threadmark.lti;

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
import threadmark.course.Course;
import threadmark.user.User;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox of Assignment and Grade Services: the newest score of one student on one resource link, and how sending
 * it to the line item went. Written in the transaction that changed the score that counts, sent by a worker.
 */
@Entity
@Table(name = "lti_score_post")
public class ScorePost extends PanacheEntityBase {

    public enum Status {
        PENDING, SENT, FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public LtiResourceLink resourceLink;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public User user;

    /** Null: nothing counts any more (a policy change); the LMS is told to clear the score. */
    public Double scoreGiven;
    public double scoreMaximum;
    /** When the score changed here: the AGS timestamp, so that the LMS keeps the newest of two posts. */
    public Instant changedAt;

    @Enumerated(EnumType.STRING)
    public Status status = Status.PENDING;
    public int attempts;
    public Instant nextAttemptAt = Instant.now();
    public Instant lastAttemptAt;
    public String lastResponse;
    public Instant sentAt;
    /** The HTTP status of the LMS's last answer (0: it did not answer). */
    public Integer lastStatus;
    /** Grows with every new score: a sender that posted an older one does not mark this one SENT. */
    public long version;
    /** The AGS gradingProgress sent with the score. */
    public String gradingProgress = "FullyGraded";

    /** A course's rows, for staff: the newest changes first. */
    public static List<ScorePost> inCourse(Course course) {
        return list("select p from ScorePost p join fetch p.resourceLink l join fetch l.context c join fetch p.user "
                + "left join fetch l.assignment where c.course = ?1 order by p.changedAt desc, p.id desc", course);
    }

    public static long countIn(Course course, Status status) {
        return count("resourceLink.context.course = ?1 and status = ?2", course, status);
    }

    public static Optional<ScorePost> of(LtiResourceLink link, User user) {
        return find("resourceLink = ?1 and user = ?2", link, user).firstResultOptional();
    }
}
