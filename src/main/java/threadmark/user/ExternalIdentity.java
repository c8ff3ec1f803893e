package threadmark.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A user as someone else vouches for them: an LTI platform or a single sign-on provider (its issuer) and the user's
 * subject there. A pair names one user; a user may have several.
 */
@Entity
@Table(name = "external_identity")
public class ExternalIdentity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String issuer;
    public String subject;

    @ManyToOne(optional = false)
    public User user;

    public Instant createdAt = Instant.now();
    public Instant lastSeen = Instant.now();

    public static Optional<ExternalIdentity> of(String issuer, String subject) {
        return find("issuer = ?1 and subject = ?2", issuer, subject).firstResultOptional();
    }
}
