package threadmark.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/**
 * The latest change of an exercise folder that was not published, and why; the previous version stays live. It
 * stands until the folder changes again, unless the machine was too busy to judge it ({@code judged} false): then it
 * is tried again after {@code retryAfter}.
 */
@Entity
@Table(name = "exercise_refusal")
public class ExerciseRefusal extends PanacheEntityBase {

    @Id
    public String slug;

    public String contentHash;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> problems;

    public boolean judged;

    public Instant refusedAt = Instant.now();

    public Instant retryAfter;

    /** Whether this content was refused already and should not be validated again yet. */
    public boolean stands(String hash, Instant now) {
        return contentHash.equals(hash) && (judged || retryAfter == null || now.isBefore(retryAfter));
    }

    public static List<ExerciseRefusal> all() {
        return listAll(Sort.by("slug"));
    }
}
