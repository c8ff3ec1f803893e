package threadmark.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import threadmark.user.User;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** When an exercise is due. Submissions after it are still graded, and marked late. */
@Entity
@Table(name = "deadline")
public class Deadline extends PanacheEntityBase {

    @Id
    public String exerciseSlug;

    public Instant dueAt;

    @ManyToOne
    public User setBy;

    public Instant setAt = Instant.now();

    /** A deadline as the API shows it. */
    public record View(String exercise, Instant dueAt) {
    }

    public static Optional<Instant> of(String slug) {
        return Deadline.<Deadline>findByIdOptional(slug).map(d -> d.dueAt);
    }

    public static Map<String, Instant> all() {
        return Deadline.<Deadline>listAll().stream().collect(Collectors.toMap(d -> d.exerciseSlug, d -> d.dueAt));
    }
}
