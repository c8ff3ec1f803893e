package threadmark.grading;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import threadmark.submission.Submission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One grading run of a submission; its row is also the job in the durable queue. */
@Entity
@Table(name = "grading")
public class Grading extends PanacheEntityBase {

    public enum Status {
        QUEUED, RUNNING, DONE, ERROR;

        public boolean finished() {
            return this == DONE || this == ERROR;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Submission submission;

    @Enumerated(EnumType.STRING)
    public Status status = Status.QUEUED;

    public Instant queuedAt = Instant.now();
    public Instant startedAt;
    public Instant finishedAt;
    public int attempts;
    public String leaseOwner;
    public Instant leaseExpiresAt;

    @Enumerated(EnumType.STRING)
    public GradeReport.Outcome outcome;

    public String summary;
    public Double score;
    public Double maxScore;
    public String output;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<CompileError> compileErrors;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Long> timings;

    @OneToMany(mappedBy = "grading", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<TestResult> results = new ArrayList<>();

    public static Optional<Grading> latestOf(Submission submission) {
        return find("submission = ?1 order by id desc", submission).firstResultOptional();
    }

    /** Each exercise's best score among the user's graded submissions, by slug. */
    public static Map<String, Double> bestScoresOf(threadmark.user.User user) {
        Map<String, Double> best = new java.util.HashMap<>();
        Grading.getEntityManager().createQuery("select s.exercise.slug, max(g.score) from Grading g join g.submission s "
                        + "where s.user = ?1 and g.status = ?2 group by s.exercise.slug", Object[].class)
                .setParameter(1, user).setParameter(2, Status.DONE)
                .getResultList()
                .forEach(row -> best.put((String) row[0], (Double) row[1]));
        return best;
    }

    /** Gradings queued ahead of this one, while it waits; null once it has left the queue. */
    public Long queuePosition() {
        return status == Status.QUEUED ? queuedBefore(id) : null;
    }

    public static long queuedBefore(long id) {
        return count("status = ?1 and id < ?2", Status.QUEUED, id);
    }
}
