package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import threadmark.course.Assignment;

import java.util.List;
import java.util.Optional;

/**
 * An LMS resource link mapped to one of our assignments, with the line item its scores go to (Assignment and Grade
 * Services) and the scopes the platform granted.
 */
@Entity
@Table(name = "lti_resource_link")
public class LtiResourceLink extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public LtiContext context;

    public String resourceLinkId;

    @ManyToOne(fetch = FetchType.LAZY)
    public Assignment assignment;

    public String lineItemUrl;
    public String lineItemsUrl;
    /** The AGS scopes granted, space-separated as in the launch's claim. */
    public String agsScopes;

    public static Optional<LtiResourceLink> of(LtiContext context, String resourceLinkId) {
        return find("context = ?1 and resourceLinkId = ?2", context, resourceLinkId).firstResultOptional();
    }

    /** The links whose scores follow this assignment: where a new score that counts must be posted. */
    public static List<LtiResourceLink> of(Assignment assignment) {
        return list("assignment = ?1 and lineItemUrl is not null", assignment);
    }
}
