package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** The nonce of an accepted id_token, kept until the token would have expired: a replay is refused. */
@Entity
@Table(name = "lti_used_nonce")
@IdClass(UsedNonce.Key.class)
public class UsedNonce extends PanacheEntityBase {

    public record Key(Long platformId, String nonce) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    public Long platformId;
    @Id
    public String nonce;
    public Instant expiresAt;

    public static long deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
