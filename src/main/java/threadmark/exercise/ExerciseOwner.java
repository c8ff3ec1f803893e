package threadmark.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.ws.rs.ForbiddenException;
import threadmark.user.Role;
import threadmark.user.User;

import java.time.Instant;
import java.util.List;

/**
 * A staff member who may publish new versions of an uploaded exercise: whoever published its first version, and
 * whom an owner adds. Admins may publish any; exercises kept in the server's folder change only there.
 */
@Entity
@Table(name = "exercise_owner")
public class ExerciseOwner extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String exerciseSlug;

    @ManyToOne(optional = false)
    public User user;

    @ManyToOne(fetch = FetchType.LAZY)
    public User grantedBy;

    public Instant grantedAt = Instant.now();

    public static List<String> ownersOf(String slug) {
        return find("select o.user.username from ExerciseOwner o where o.exerciseSlug = ?1 order by o.user.username",
                slug).project(String.class).list();
    }

    /** Refuses (403) unless {@code user} may publish {@code slug}: an owner, an admin, or anyone for a new slug. */
    public static void requireMayPublish(String slug, User user) {
        if (Role.valueOf(user.role) == Role.ADMIN) {
            return;
        }
        List<String> owners = ownersOf(slug);
        if (owners.contains(user.username)) {
            return;
        }
        if (owners.isEmpty() && Exercise.latestVersion(slug) == 0) {
            return;
        }
        throw new ForbiddenException(owners.isEmpty()
                ? "exercise '" + slug + "' has no owner: only an admin can publish a new version of it"
                : "exercise '" + slug + "' belongs to " + String.join(", ", owners) + ": one of them can publish a new "
                        + "version, or make you an owner too");
    }

    /** Records {@code user} as an owner of {@code slug}, if not one already. */
    public static void add(String slug, User user, User grantedBy) {
        if (count("exerciseSlug = ?1 and user = ?2", slug, user) > 0) {
            return;
        }
        ExerciseOwner owner = new ExerciseOwner();
        owner.exerciseSlug = slug;
        owner.user = user;
        owner.grantedBy = grantedBy;
        owner.persist();
    }
}
