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

/** An exercise set in a course: when it opens, when it is due, and what lateness costs. */
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

    public LatePolicy latePolicy() {
        return new LatePolicy(dueAt, latePenaltyPerDay, cutoffAt);
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
