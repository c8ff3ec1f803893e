package threadmark.submission;

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
import threadmark.exercise.Exercise;
import threadmark.grading.CompileError;
import threadmark.grading.GradeReport;
import threadmark.user.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One grading run of a submission; its row is also the job in the durable queue. */
@Entity
@Table(name = "grading")
public class Grading extends PanacheEntityBase {

    /** {@code WAITING}: a run could not measure some test fairly (a busy machine); it runs again at {@code remeasureAt}. */
    public enum Status {
        QUEUED, RUNNING, WAITING, DONE, ERROR;

        public boolean finished() {
            return this == DONE || this == ERROR;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Submission submission;

    /** The exercise version whose tests this run uses: the submission's own, or the current one for a regrade. */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Exercise exercise;

    /** Lower runs first: students' own submissions are 0, staff regrades wait behind them. */
    public short priority;

    /** The staff member who asked for this run, when it is a regrade. */
    @ManyToOne(fetch = FetchType.LAZY)
    public User requestedBy;

    @Enumerated(EnumType.STRING)
    public Status status = Status.QUEUED;

    public Instant queuedAt = Instant.now();
    public Instant startedAt;
    public Instant finishedAt;
    public int attempts;
    public String leaseOwner;
    /** The worker ({@code host:pid@start/wN}) that stored the result. */
    public String gradedBy;
    /** Times a result was stored for this grading; anything but 0 or 1 would be a job graded twice. */
    public int resultsStored;
    public Instant leaseExpiresAt;

    /** Runs so far that a busy machine could not measure fairly; they are not platform faults and use no attempts. */
    public int remeasures;
    /** When a WAITING grading is measured again. */
    public Instant remeasureAt;
    /** When its first busy run ended: the wait for a fair measurement is bounded from here. */
    public Instant firstUnmeasuredAt;

    /** The wait shown when the submission was accepted, checked against what happened ({@link EstimateAccuracy}). */
    public Long estimatedWaitSeconds;

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

    /**
     * Results stored but not final: a run could not measure some test fairly and the grading waits to measure again
     * (or is being measured again). Its definite failures stand; the score may still rise.
     */
    public boolean isProvisional() {
        return !status.finished() && remeasures > 0 && score != null;
    }

    public boolean isRegrade() {
        return priority > 0 || requestedBy != null;
    }

    /** A first grading of a new submission, against the version it was sent for. */
    public static Grading firstOf(Submission submission) {
        Grading grading = new Grading();
        grading.submission = submission;
        grading.exercise = submission.exercise;
        return grading;
    }

    public static Optional<Grading> latestOf(Submission submission) {
        return find("submission = ?1 order by id desc", submission).firstResultOptional();
    }

    /** Every run of a submission, oldest first: a regrade adds one and keeps the earlier scores. */
    public static List<Grading> historyOf(Submission submission) {
        return list("submission = ?1 order by id", submission);
    }

    /** Every run of each of these submissions, oldest first, by submission id: one query for a whole list. */
    public static Map<Long, List<Grading>> historiesOf(List<Submission> submissions) {
        if (submissions.isEmpty()) {
            return Map.of();
        }
        return Grading.<Grading>list("submission in ?1 order by id", submissions).stream()
                .collect(Collectors.groupingBy(g -> g.submission.id));
    }
}
