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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An exercise set in a course: when it opens, when it is due, what lateness costs, and how many submissions it takes
 * (with what extra ones cost). A student may hold an {@link Extension} of its deadline.
 */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Course course;

    public String exerciseSlug;
    public int position;
    public Instant releaseAt;
    public Instant dueAt;
    public double latePenaltyPerDay;
    public Instant cutoffAt;
    public String lmsId;
    public Integer maxSubmissions;
    public Integer freeSubmissions;
    public double attemptPenalty;
    public boolean revealHiddenTests;

    public LatePolicy latePolicy() {
        return new LatePolicy(dueAt, latePenaltyPerDay, cutoffAt);
    }

    /**
     * Whether the student held to {@code policy} may now read the hidden tests: this assignment reveals them, and no
     * submission of theirs can count any more (after their cut-off; after their deadline when there is none).
     */
    public boolean revealsHiddenTests(LatePolicy policy, Instant now) {
        Instant end = policy.cutoffAt() != null ? policy.cutoffAt() : policy.dueAt();
        return revealHiddenTests && end != null && now.isAfter(end);
    }

    /**
     * Whether {@code reader} may read the hidden tests of {@code slug} (their sources, what they printed): staff
     * always; a student once the assignment that governs them has ended and reveals them.
     */
    public static boolean hiddenTestsOpenTo(User reader, String slug, Instant now) {
        return reader.isStaff() || governing(reader, slug, now)
                .map(a -> a.revealsHiddenTests(Extension.policyFor(a, reader), now)).orElse(false);
    }

    public AttemptPolicy attemptPolicy() {
        return new AttemptPolicy(maxSubmissions, freeSubmissions, attemptPenalty);
    }

    public boolean releasedAt(Instant now) {
        return releaseAt == null || !now.isBefore(releaseAt);
    }

    public static List<Assignment> inCourse(Course course) {
        return list("course = ?1 order by position, exerciseSlug", course);
    }

    public static Optional<Assignment> of(Course course, String slug) {
        return find("course = ?1 and exerciseSlug = ?2", course, slug).firstResultOptional();
    }

    /**
     * The assignment that governs each exercise for a student, by slug. A student in two courses that set the same
     * exercise is held to the earlier deadline; one that has opened wins over one that has not.
     */
    public static Map<String, Assignment> governing(User student, Instant now) {
        List<Assignment> all = list("course in (select e.course from Enrolment e where e.user = ?1)", student);
        Comparator<Assignment> order = Comparator.<Assignment, Boolean>comparing(a -> !a.releasedAt(now))
                .thenComparing(a -> a.dueAt, Comparator.nullsLast(Comparator.naturalOrder()));
        Map<String, Assignment> governing = new LinkedHashMap<>();
        all.stream().sorted(order).forEach(a -> governing.putIfAbsent(a.exerciseSlug, a));
        return governing;
    }

    public static Optional<Assignment> governing(User student, String slug, Instant now) {
        return Optional.ofNullable(governing(student, now).get(slug));
    }
}
