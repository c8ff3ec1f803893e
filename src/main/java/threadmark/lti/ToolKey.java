package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One of our RS256 signing keys. The newest key not retired signs; every key not retired, and retired ones within
 * their grace period, are published in our key set. The private key never leaves the server.
 */
@Entity
@Table(name = "lti_tool_key")
public class ToolKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kid;
    @Column(name = "private_key_pkcs8")
    public String privateKeyPkcs8;
    public String publicKeyJwk;
    public Instant createdAt = Instant.now();
    public Instant retiredAt;

    public static Optional<ToolKey> signing() {
        return find("retiredAt is null order by createdAt desc, id desc").firstResultOptional();
    }

    /** The keys a platform may still see signatures of: active ones, and those retired after {@code since}. */
    public static List<ToolKey> published(Instant since) {
        return list("retiredAt is null or retiredAt > ?1 order by createdAt, id", since);
    }
}
