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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A later deadline for one student on one assignment. Its cut-off, when the assignment has one and none is given
 * here, moves by as much as the deadline did.
 */
@Entity
@Table(name = "assignment_extension")
public class Extension extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Assignment assignment;

    @ManyToOne(optional = false)
    public User user;

    public Instant dueAt;
    public Instant cutoffAt;

    @ManyToOne(fetch = FetchType.LAZY)
    public User grantedBy;

    public Instant grantedAt = Instant.now();

    /** The assignment's late policy with this student's dates. */
    public LatePolicy latePolicy() {
        Instant cutoff = cutoffAt;
        if (cutoff == null && assignment.cutoffAt != null) {
            Duration moved = assignment.dueAt == null ? Duration.ZERO : Duration.between(assignment.dueAt, dueAt);
            cutoff = assignment.cutoffAt.plus(moved.isNegative() ? Duration.ZERO : moved);
        }
        return new LatePolicy(dueAt, assignment.latePenaltyPerDay, cutoff);
    }

    public static Optional<Extension> of(Assignment assignment, User student) {
        return find("assignment = ?1 and user = ?2", assignment, student).firstResultOptional();
    }

    public static List<Extension> inAssignments(List<Assignment> assignments) {
        return assignments.isEmpty() ? List.of() : list("assignment in ?1", assignments);
    }

    /** The late policy that holds for {@code student}: theirs if they have an extension, else the assignment's. */
    public static LatePolicy policyFor(Assignment assignment, User student) {
        return of(assignment, student).map(Extension::latePolicy).orElseGet(assignment::latePolicy);
    }
}
