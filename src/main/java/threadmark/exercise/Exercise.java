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
 * One version of an exercise: the live one ({@code current}), a draft waiting to be published, or an earlier one.
 * Submissions point at the version they were graded against; a changed folder or upload adds a version and leaves
 * the others in place.
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

    /** Sources of the hidden test classes, shown only where an assignment reveals them once it has ended. */
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> hiddenTests;

    @Basic(fetch = FetchType.LAZY)
    public byte[] testBundle;

    /** The folder this version was made from, as a zip for staff to copy and adapt; null for versions made before. */
    @Basic(fetch = FetchType.LAZY)
    public byte[] sourceArchive;

    /** The version students get; at most one per slug. */
    @Column(name = "is_current")
    public boolean current;

    /** A version made while another was live, waiting for staff to preview and publish it; never current. */
    public boolean draft;

    public Instant createdAt = Instant.now();

    public static Optional<Exercise> current(String slug) {
        return find("slug = ?1 and current = true", slug).firstResultOptional();
    }

    public static List<Exercise> catalogue() {
        return list("current = true order by position, slug");
    }

    public static Optional<Exercise> version(String slug, int version) {
        return find("slug = ?1 and version = ?2", slug, version).firstResultOptional();
    }

    /** The newest version of {@code slug}, whatever its state. */
    public static Optional<Exercise> latest(String slug) {
        return find("slug = ?1 order by version desc", slug).firstResultOptional();
    }

    /** The newest draft of {@code slug} newer than its live version, if one waits. */
    public static Optional<Exercise> pendingDraft(String slug) {
        return find("slug = ?1 and draft = true order by version desc", slug).firstResultOptional();
    }

    public static List<Exercise> versionsOf(String slug) {
        return list("slug = ?1 order by version desc", slug);
    }

    public static int latestVersion(String slug) {
        Integer latest = find("select max(e.version) from Exercise e where e.slug = ?1", slug)
                .project(Integer.class).firstResult();
        return latest == null ? 0 : latest;
    }
}
