package threadmark.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.List;
import java.util.Optional;

/** A deployment of the tool in a platform that launches are accepted from. */
@Entity
@Table(name = "lti_deployment")
public class LtiDeployment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public LtiPlatform platform;

    public String deploymentId;

    public static Optional<LtiDeployment> of(LtiPlatform platform, String deploymentId) {
        return find("platform = ?1 and deploymentId = ?2", platform, deploymentId).firstResultOptional();
    }

    public static List<LtiDeployment> of(LtiPlatform platform) {
        return list("platform = ?1 order by deploymentId", platform);
    }
}
