package threadmark.lti;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A checked LTI 1.3 launch: the claims of an id_token whose signature, issuer, audience, time and nonce held. */
public record Launch(long platformId, String issuer, String deploymentId, String messageType, String subject,
                     String name, String givenName, String familyName, String email, List<String> roles,
                     String contextId, String contextTitle, String contextLabel, String resourceLinkId,
                     String resourceLinkTitle, Map<String, String> custom, String lineItemUrl, String lineItemsUrl,
                     List<String> agsScopes, String membershipsUrl, String deepLinkReturnUrl, String deepLinkData,
                     String nonce, Instant expiresAt) {

    public static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
    public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";

    static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

    /** How Threadmark sees a member of an LMS course. */
    public enum Standing {
        INSTRUCTOR, ASSISTANT, STUDENT, NONE
    }

    /**
     * LIS roles (LTI 1.3 core, appendix A.2): a teaching assistant sub-role wins over the Instructor role it comes
     * with (Canvas sends both); instructors, content developers and administrators of the context run the course;
     * learners are students; anyone else (a mentor, a guest) gets nothing.
     */
    public Standing standing() {
        boolean instructor = false;
        boolean learner = false;
        for (String role : roles) {
            String r = role.startsWith(MEMBERSHIP) ? role.substring(MEMBERSHIP.length())
                    : role.startsWith("http://purl.imsglobal.org/vocab/lis/v2/membership/")
                    ? role.substring("http://purl.imsglobal.org/vocab/lis/v2/membership/".length()) : role;
            if (r.equals("TeachingAssistant") || r.endsWith("#TeachingAssistant")) {
                return Standing.ASSISTANT;
            }
            // LTI 1.3 core 5.3.7.1: short context role names ("Instructor") are deprecated but still seen.
            switch (r) {
                case "Instructor", "ContentDeveloper", "Administrator" -> instructor = true;
                case "Learner" -> learner = true;
                default -> { }
            }
        }
        return instructor ? Standing.INSTRUCTOR : learner ? Standing.STUDENT : Standing.NONE;
    }

    public boolean deepLinking() {
        return DEEP_LINKING_REQUEST.equals(messageType);
    }
}
