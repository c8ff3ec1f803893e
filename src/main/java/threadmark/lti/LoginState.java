package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** An LTI login in flight: the state sent to the platform and its nonce, used once when the launch returns. */
@Entity
@Table(name = "lti_login_state")
public class LoginState extends PanacheEntityBase {

    @Id
    public String state;

    public String nonce;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public LtiPlatform platform;

    public String targetLinkUri;
    public Instant createdAt = Instant.now();

    public static long deleteOlderThan(Instant limit) {
        return delete("createdAt < ?1", limit);
    }
}
