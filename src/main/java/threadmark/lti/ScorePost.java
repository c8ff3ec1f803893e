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
import threadmark.user.User;

import java.time.Instant;
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

    public double scoreGiven;
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

    public static Optional<ScorePost> of(LtiResourceLink link, User user) {
        return find("resourceLink = ?1 and user = ?2", link, user).firstResultOptional();
    }
}
