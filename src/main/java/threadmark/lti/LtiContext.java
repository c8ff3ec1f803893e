package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import threadmark.course.Course;

import java.time.Instant;
import java.util.Optional;

/** An LMS course (an LTI context of a deployment), mapped to one of our courses. */
@Entity
@Table(name = "lti_context")
public class LtiContext extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public LtiDeployment deployment;

    public String contextId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Course course;

    public String title;
    /** Names and Role Provisioning: the context's membership URL, when the platform offers it. */
    public String membershipsUrl;
    public Instant rosterSyncedAt;

    public static Optional<LtiContext> of(LtiDeployment deployment, String contextId) {
        return find("deployment = ?1 and contextId = ?2", deployment, contextId).firstResultOptional();
    }
}
