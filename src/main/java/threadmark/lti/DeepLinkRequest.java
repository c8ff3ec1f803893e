package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import threadmark.user.User;

import java.time.Instant;

/** A deep linking request waiting for its staff member to pick an exercise: where and what to answer. */
@Entity
@Table(name = "lti_deep_link_request")
public class DeepLinkRequest extends PanacheEntityBase {

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public LtiPlatform platform;

    public String deploymentId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public User user;

    public String returnUrl;
    /** The request's opaque data, echoed in the answer (LTI Deep Linking 2.0, section 4.4.1). */
    public String data;

    @ManyToOne(fetch = FetchType.LAZY)
    public LtiContext context;

    public Instant createdAt = Instant.now();

    public static long deleteOlderThan(Instant limit) {
        return delete("createdAt < ?1", limit);
    }
}
