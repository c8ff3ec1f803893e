package threadmark.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A browser session on the server: its cookie's token, stored as a SHA-256, and whose it is. */
@Entity
@Table(name = "user_session")
public class UserSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tokenHash;
    public Long userId;
    public Instant createdAt = Instant.now();

    public static Optional<UserSession> byTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResultOptional();
    }

    /** Ends every session of the user but the one with this token hash (none: all). */
    public static long endAllOf(long userId, String keptTokenHash) {
        return keptTokenHash == null ? delete("userId", userId)
                : delete("userId = ?1 and tokenHash <> ?2", userId, keptTokenHash);
    }

    public static long endOlderThan(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
