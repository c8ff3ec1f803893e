package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An LMS registered as an LTI 1.3 platform: its issuer, our client id there, and its endpoints. */
@Entity
@Table(name = "lti_platform")
public class LtiPlatform extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String issuer;
    public String clientId;
    public String authLoginUrl;
    public String authTokenUrl;
    public String keySetUrl;
    /** The audience of our client assertions at the token endpoint, when it is not the token URL. */
    public String authTokenAudience;
    public Instant createdAt = Instant.now();

    public static Optional<LtiPlatform> of(String issuer, String clientId) {
        return find("issuer = ?1 and clientId = ?2", issuer, clientId).firstResultOptional();
    }

    /** The platforms of an issuer: a login initiation may leave out the client id when there is one. */
    public static List<LtiPlatform> byIssuer(String issuer) {
        return list("issuer = ?1 order by id", issuer);
    }

    public static List<LtiPlatform> allByName() {
        return list("order by name, id");
    }

    public String tokenAudience() {
        return authTokenAudience == null || authTokenAudience.isBlank() ? authTokenUrl : authTokenAudience;
    }
}
