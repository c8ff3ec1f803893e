package threadmark.course;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A run of the course: its enrolled students, the exercises assigned to them, and which submission counts. */
@Entity
@Table(name = "course")
public class Course extends PanacheEntityBase {

    /** Which of a student's graded submissions for an assignment goes into the gradebook. */
    public enum Counting {
        BEST, LAST
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public String title;

    @Enumerated(EnumType.STRING)
    public Counting counting = Counting.BEST;

    public Instant createdAt = Instant.now();

    public static Optional<Course> bySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static List<Course> allByTitle() {
        return list("order by title, slug");
    }
}
