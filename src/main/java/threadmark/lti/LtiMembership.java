package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import threadmark.user.User;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A member of an LMS context as its last roster sync (Names and Role Provisioning) listed them. */
@Entity
@Table(name = "lti_membership")
public class LtiMembership extends PanacheEntityBase {

    /** GONE: no longer listed at the last sync; INACTIVE: listed with status Inactive (or Deleted). */
    public enum Status {
        ACTIVE, INACTIVE, GONE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public LtiContext context;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public User user;

    /** The LMS's role URIs, space-separated. */
    public String roles;

    @Enumerated(EnumType.STRING)
    public Status status;

    public Instant syncedAt = Instant.now();

    public static Optional<LtiMembership> of(LtiContext context, User user) {
        return find("context = ?1 and user = ?2", context, user).firstResultOptional();
    }

    public static List<LtiMembership> active(LtiContext context) {
        return list("context = ?1 and status = ?2", context, Status.ACTIVE);
    }
}
