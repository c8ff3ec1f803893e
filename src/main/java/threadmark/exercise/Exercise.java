package threadmark.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import threadmark.format.ExerciseDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One published version of an exercise. Submissions point at the version they were graded against;
 * publishing a changed folder adds a version and leaves old ones in place.
 */
@Entity
@Table(name = "exercise")
public class Exercise extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public int version;
    public String contentHash;
    public String title;
    public int position;
    public String promptMarkdown;
    /** The Russian prompt, where the folder has a {@code prompt.ru.md}. */
    public String promptMarkdownRu;

    @JdbcTypeCode(SqlTypes.JSON)
    public ExerciseDefinition definition;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> starterFiles;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> visibleTests;

    @Basic(fetch = FetchType.LAZY)
    public byte[] testBundle;

    @Column(name = "is_current")
    public boolean current;

    public Instant createdAt = Instant.now();

    public static Optional<Exercise> current(String slug) {
        return find("slug = ?1 and current = true", slug).firstResultOptional();
    }

    public static List<Exercise> catalogue() {
        return list("current = true order by position, slug");
    }

    public static int latestVersion(String slug) {
        Integer latest = find("select max(e.version) from Exercise e where e.slug = ?1", slug)
                .project(Integer.class).firstResult();
        return latest == null ? 0 : latest;
    }
}
