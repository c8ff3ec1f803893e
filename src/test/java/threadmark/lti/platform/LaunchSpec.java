package threadmark.lti.platform;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the test platform launches: who (sub, name, email, LIS roles), where (context, resource link), which message,
 * and for refusal tests how the id_token is spoiled (claims changed after they are made, another signing key).
 */
public final class LaunchSpec {

    public static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    public static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    public static final String MENTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor";
    public static final String TEACHING_ASSISTANT =
            "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";

    String subject;
    String name;
    String givenName;
    String familyName;
    String email;
    List<String> roles = List.of(LEARNER);
    String contextId = "course-1";
    String contextTitle = "Concurrency 101";
    String resourceLinkId = "link-1";
    String messageType = "LtiResourceLinkRequest";
    Map<String, String> custom = new LinkedHashMap<>();
    String deepLinkData = "opaque-data-42";
    String lineItemUrl;
    String targetLinkUri;
    Consumer<JwtClaims> tamper = c -> { };
    RsaJsonWebKey signWith;
    String kid;

    public static LaunchSpec learner(String subject) {
        LaunchSpec spec = new LaunchSpec();
        spec.subject = subject;
        spec.name = "Learner " + subject;
        spec.givenName = "Learner";
        spec.familyName = subject;
        spec.email = subject + "@students.example.edu";
        return spec;
    }

    public static LaunchSpec instructor(String subject) {
        LaunchSpec spec = learner(subject);
        spec.roles = List.of(INSTRUCTOR);
        spec.name = "Instructor " + subject;
        spec.givenName = "Instructor";
        spec.email = subject + "@staff.example.edu";
        return spec;
    }

    public LaunchSpec roles(String... roles) {
        this.roles = List.of(roles);
        return this;
    }

    public LaunchSpec context(String id, String title) {
        this.contextId = id;
        this.contextTitle = title;
        return this;
    }

    public LaunchSpec link(String resourceLinkId) {
        this.resourceLinkId = resourceLinkId;
        return this;
    }

    public LaunchSpec exercise(String slug) {
        custom.put("exercise", slug);
        return this;
    }

    public LaunchSpec deepLinking() {
        this.messageType = "LtiDeepLinkingRequest";
        return this;
    }

    public LaunchSpec lineItem(String url) {
        this.lineItemUrl = url;
        return this;
    }

    public LaunchSpec target(String targetLinkUri) {
        this.targetLinkUri = targetLinkUri;
        return this;
    }

    /** Changes the claims after the platform made them, before it signs. */
    public LaunchSpec tamper(Consumer<JwtClaims> tamper) {
        this.tamper = tamper;
        return this;
    }

    /** Signs with this key (and its kid, unless {@link #kid} says otherwise) instead of the platform's. */
    public LaunchSpec signWith(RsaJsonWebKey key) {
        this.signWith = key;
        return this;
    }

    public LaunchSpec kid(String kid) {
        this.kid = kid;
        return this;
    }

    public String subject() {
        return subject;
    }
}
