package threadmark.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import threadmark.user.User;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who may see an exercise, whatever its version, apart from the courses that assign it: staff always; students while
 * it is {@link Visibility#LISTED} and a course of theirs assigns it, or it is open for practice.
 */
@Entity
@Table(name = "exercise_listing")
public class ExerciseListing extends PanacheEntityBase {

    public enum Visibility {
        /** Students of the courses that assign it see it (everyone, when open for practice). */
        LISTED,
        /** Staff only, for now: students neither see nor open it; their submissions and grades stay. */
        HIDDEN,
        /** Retired: staff only, and no new submissions from anyone; every submission and grade stays. */
        ARCHIVED
    }

    @Id
    public String slug;

    @Enumerated(EnumType.STRING)
    public Visibility visibility = Visibility.LISTED;

    /** Open to every logged-in user, whether or not a course of theirs assigns it. */
    public boolean practice;

    public Instant changedAt = Instant.now();

    @ManyToOne(fetch = FetchType.LAZY)
    public User changedBy;

    public boolean listed() {
        return visibility == Visibility.LISTED;
    }

    /** The listing of {@code slug}; an exercise published before listings existed is listed and not for practice. */
    public static ExerciseListing of(String slug) {
        ExerciseListing listing = findById(slug);
        if (listing == null) {
            listing = new ExerciseListing();
            listing.slug = slug;
        }
        return listing;
    }

    public static Map<String, ExerciseListing> all() {
        return ExerciseListing.<ExerciseListing>listAll().stream()
                .collect(Collectors.toMap(l -> l.slug, Function.identity()));
    }

    public static List<String> openForPractice() {
        return find("select l.slug from ExerciseListing l where l.practice = true and l.visibility = ?1",
                Visibility.LISTED).project(String.class).list();
    }
}
