package threadmark.lti;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Registers, changes and removes the LMSs (LTI 1.3 platforms) launches are accepted from. Admins only. */
@ApplicationScoped
public class PlatformRegistrations {

    /** What an admin types in for a platform. */
    public record Registration(String name, String issuer, String clientId, List<String> deploymentIds,
                               String keySetUrl, String authLoginUrl, String authTokenUrl, String authTokenAudience) {
    }

    /** Fired after a change: the frame ancestors and key set caches forget what they knew. */
    public record Changed(long platformId) {
    }

    @Inject
    Event<Changed> changed;

    @Transactional
    public LtiPlatform register(Registration r) {
        check(r);
        if (LtiPlatform.of(r.issuer().strip(), r.clientId().strip()).isPresent()) {
            throw new ClientErrorException("a platform with issuer " + r.issuer().strip() + " and client id "
                    + r.clientId().strip() + " is registered already: edit it instead", Response.Status.CONFLICT);
        }
        LtiPlatform platform = new LtiPlatform();
        apply(platform, r);
        platform.persist();
        for (String id : deploymentIds(r)) {
            addDeployment(platform, id);
        }
        Log.infof("LTI platform %d registered: %s (%s, client %s)", platform.id, platform.name, platform.issuer,
                platform.clientId);
        changed.fire(new Changed(platform.id));
        return platform;
    }

    @Transactional
    public LtiPlatform update(long id, Registration r) {
        check(r);
        LtiPlatform platform = find(id);
        LtiPlatform.of(r.issuer().strip(), r.clientId().strip()).filter(other -> !other.id.equals(platform.id))
                .ifPresent(other -> {
                    throw new ClientErrorException("another platform (" + other.name + ") has issuer "
                            + other.issuer + " and client id " + other.clientId, Response.Status.CONFLICT);
                });
        apply(platform, r);
        Set<String> wanted = deploymentIds(r);
        for (LtiDeployment deployment : LtiDeployment.of(platform)) {
            if (wanted.remove(deployment.deploymentId)) {
                continue;
            }
            long courses = LtiContext.count("deployment", deployment);
            if (courses > 0) {
                throw new ClientErrorException("deployment " + deployment.deploymentId + " has " + courses
                        + " LMS course(s) linked to Threadmark courses: keep it, or delete the platform",
                        Response.Status.CONFLICT);
            }
            deployment.delete();
        }
        for (String deploymentId : wanted) {
            addDeployment(platform, deploymentId);
        }
        changed.fire(new Changed(platform.id));
        return platform;
    }

    @Transactional
    public void delete(long id) {
        LtiPlatform platform = find(id);
        platform.delete();
        Log.infof("LTI platform %d deleted: %s (%s)", id, platform.name, platform.issuer);
        changed.fire(new Changed(id));
    }

    public static LtiPlatform find(long id) {
        LtiPlatform platform = LtiPlatform.findById(id);
        if (platform == null) {
            throw new NotFoundException("no LTI platform " + id);
        }
        return platform;
    }

    private static void addDeployment(LtiPlatform platform, String deploymentId) {
        LtiDeployment deployment = new LtiDeployment();
        deployment.platform = platform;
        deployment.deploymentId = deploymentId;
        deployment.persist();
    }

    private static void apply(LtiPlatform platform, Registration r) {
        platform.name = r.name().strip();
        platform.issuer = r.issuer().strip();
        platform.clientId = r.clientId().strip();
        platform.keySetUrl = r.keySetUrl().strip();
        platform.authLoginUrl = r.authLoginUrl().strip();
        platform.authTokenUrl = r.authTokenUrl().strip();
        platform.authTokenAudience = blank(r.authTokenAudience()) ? null : r.authTokenAudience().strip();
    }

    private static Set<String> deploymentIds(Registration r) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : r.deploymentIds()) {
            ids.add(id.strip());
        }
        return ids;
    }

    /** Every problem at once, so that the form is fixed in one go. */
    static void check(Registration r) {
        List<String> problems = new ArrayList<>();
        if (r == null) {
            throw new BadRequestException("send the platform's name, issuer, client id, deployment ids and URLs");
        }
        if (blank(r.name())) {
            problems.add("name: give the platform a name (e.g. Canvas of your university)");
        } else if (r.name().length() > 200) {
            problems.add("name: 200 characters at most");
        }
        // LTI 1.3 core, section 5.1.2: the issuer is a case-sensitive https URL.
        url(problems, "issuer", r.issuer(), true);
        if (blank(r.clientId())) {
            problems.add("client id: paste the client id the platform gave the tool");
        } else if (r.clientId().length() > 255) {
            problems.add("client id: 255 characters at most");
        }
        if (r.deploymentIds() == null || r.deploymentIds().stream().allMatch(PlatformRegistrations::blank)) {
            problems.add("deployment ids: at least one (the platform shows it once the tool is deployed)");
        } else {
            for (String id : r.deploymentIds()) {
                if (blank(id)) {
                    problems.add("deployment ids: an empty one");
                } else if (id.strip().length() > 255) {
                    problems.add("deployment ids: 255 characters at most each");
                }
            }
        }
        url(problems, "key set URL", r.keySetUrl(), true);
        url(problems, "authorization (login) URL", r.authLoginUrl(), true);
        url(problems, "token URL", r.authTokenUrl(), true);
        if (!blank(r.authTokenAudience()) && r.authTokenAudience().length() > 500) {
            problems.add("token audience: 500 characters at most");
        }
        if (!problems.isEmpty()) {
            throw new BadRequestException(String.join("; ", problems));
        }
    }

    /** An https URL; plain http only to this machine, where a test platform runs. */
    private static void url(List<String> problems, String field, String value, boolean required) {
        if (blank(value)) {
            if (required) {
                problems.add(field + ": required");
            }
            return;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()))) {
                problems.add(field + ": an https:// URL (" + value.strip() + " is not one)");
            } else if (value.length() > 500) {
                problems.add(field + ": 500 characters at most");
            }
        } catch (URISyntaxException e) {
            problems.add(field + ": not a URL (" + e.getReason() + ")");
        }
    }

    static boolean loopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
