package threadmark.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an id_token as LTI 1.3 core (section 5) and the 1EdTech Security Framework (section 5.1.3) require, before
 * anything is kept: RS256 signature by the platform's published key, issuer, audience and azp, expiry and issue time,
 * the nonce of our login, a registered deployment, message type and version, and the claims each message needs.
 */
@ApplicationScoped
public class LaunchValidator {

    static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
    static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

    @Inject
    PlatformKeySets keySets;

    @Inject
    LtiConfig config;

    /** The launch in {@code idToken}, answered to the login that {@code login} describes; a refusal otherwise. */
    public Launch validate(String idToken, LoginState login, LtiPlatform platform, String ourBase) {
        if (idToken == null || idToken.isBlank()) {
            throw LaunchRefusal.unauthorized("The LMS sent no id_token: start the activity again from the LMS.");
        }
        JwtClaims claims = verifiedClaims(idToken, platform);
        try {
            return check(claims, login, platform, ourBase);
        } catch (MalformedClaimException e) {
            throw LaunchRefusal.unauthorized("The launch's claims are malformed (" + e.getMessage() + ").");
        }
    }

    private JwtClaims verifiedClaims(String idToken, LtiPlatform platform) {
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.setCompactSerialization(idToken.strip());
        } catch (JoseException | ClassCastException e) {
            throw LaunchRefusal.unauthorized("The id_token is not a signed JWT.");
        }
        // Security Framework 5.1.3 step 1: RS256 only; "none" and HMAC with a public key as secret must never pass.
        if (!AlgorithmIdentifiers.RSA_USING_SHA256.equals(jws.getAlgorithmHeaderValue())) {
            throw LaunchRefusal.unauthorized("The launch is signed with " + jws.getAlgorithmHeaderValue()
                    + ", not RS256 as LTI 1.3 requires.");
        }
        String kid = jws.getKeyIdHeaderValue();
        if (kid == null || kid.isBlank()) {
            throw LaunchRefusal.unauthorized("The launch's signature names no key (kid): the LMS must name the key it"
                    + " signs with.");
        }
        jws.setKey(keySets.key(platform, kid));
        try {
            if (!jws.verifySignature()) {
                throw LaunchRefusal.unauthorized("The launch's signature does not match " + platform.name
                        + "'s published key: it was not signed by the LMS.");
            }
            return JwtClaims.parse(jws.getPayload());
        } catch (JoseException | InvalidJwtException e) {
            throw LaunchRefusal.unauthorized("The launch's signature or claims could not be read (" + e.getMessage()
                    + ").");
        }
    }

    private Launch check(JwtClaims c, LoginState login, LtiPlatform platform, String ourBase)
            throws MalformedClaimException {
        if (!platform.issuer.equals(c.getIssuer())) {
            throw LaunchRefusal.unauthorized("The launch's issuer (" + c.getIssuer() + ") is not " + platform.issuer
                    + ", the LMS this login was started for.");
        }
        List<String> audience = c.hasAudience() ? c.getAudience() : List.of();
        if (!audience.contains(platform.clientId)) {
            throw LaunchRefusal.unauthorized("The launch is addressed to " + audience + ", not to Threadmark's client"
                    + " id " + platform.clientId + " in this LMS.");
        }
        String azp = c.getStringClaimValue("azp");
        if (audience.size() > 1 && azp == null) {
            throw LaunchRefusal.unauthorized("The launch names several audiences but no authorized party (azp), as "
                    + "OpenID Connect requires.");
        }
        if (azp != null && !azp.equals(platform.clientId)) {
            throw LaunchRefusal.unauthorized("The launch's authorized party (azp " + azp + ") is not Threadmark's "
                    + "client id " + platform.clientId + ".");
        }
        Instant now = Instant.now();
        NumericDate exp = c.getExpirationTime();
        NumericDate iat = c.getIssuedAt();
        if (exp == null || iat == null) {
            throw LaunchRefusal.unauthorized("The launch lacks its expiry (exp) or issue time (iat).");
        }
        Instant expiresAt = Instant.ofEpochSecond(exp.getValue());
        Instant issuedAt = Instant.ofEpochSecond(iat.getValue());
        if (!expiresAt.plus(config.clockLeeway()).isAfter(now)) {
            throw LaunchRefusal.unauthorized("The launch expired at " + expiresAt + ": start the activity again from"
                    + " the LMS (or check the LMS's clock).");
        }
        if (issuedAt.isAfter(now.plus(config.clockLeeway()))
                || issuedAt.isBefore(now.minus(config.maxTokenAge()).minus(config.clockLeeway()))) {
            throw LaunchRefusal.unauthorized("The launch was issued at " + issuedAt + ", too far from now (" + now
                    + "): start it again, or check the LMS's clock.");
        }
        if (!login.nonce.equals(c.getStringClaimValue("nonce"))) {
            throw LaunchRefusal.unauthorized("The launch's nonce is not the one of this login: it was replayed or "
                    + "belongs to another login. Start the activity again from the LMS.");
        }
        String deploymentId = c.getStringClaimValue(Launch.LTI + "deployment_id");
        if (deploymentId == null || LtiDeployment.of(platform, deploymentId).isEmpty()) {
            throw LaunchRefusal.forbidden("Deployment " + deploymentId + " of " + platform.name + " is not registered"
                    + " in Threadmark: an admin adds it to the platform's deployment ids.");
        }
        String messageType = c.getStringClaimValue(Launch.LTI + "message_type");
        if (!Launch.RESOURCE_LINK_REQUEST.equals(messageType) && !Launch.DEEP_LINKING_REQUEST.equals(messageType)) {
            throw LaunchRefusal.unauthorized("Threadmark answers resource link launches and deep linking requests, "
                    + "not " + messageType + ".");
        }
        String version = c.getStringClaimValue(Launch.LTI + "version");
        if (!"1.3.0".equals(version)) {
            throw LaunchRefusal.unauthorized("The launch is LTI version " + version + "; Threadmark speaks 1.3.0.");
        }
        String targetLinkUri = c.getStringClaimValue(Launch.LTI + "target_link_uri");
        if (targetLinkUri == null || !targetLinkUri.equals(login.targetLinkUri)
                || !(targetLinkUri.equals(ourBase) || targetLinkUri.startsWith(ourBase + "/"))) {
            throw LaunchRefusal.unauthorized("The launch targets " + targetLinkUri + ", not the Threadmark address "
                    + "its login was started for (" + login.targetLinkUri + ").");
        }
        String sub = c.getSubject();
        if (sub == null || sub.isBlank()) {
            throw LaunchRefusal.forbidden("The LMS launched without saying who you are (an anonymous launch): "
                    + "Threadmark grades people, so it needs the user's id.");
        }
        if (!c.hasClaim(Launch.LTI + "roles")) {
            throw LaunchRefusal.unauthorized("The launch lacks the roles claim LTI 1.3 requires.");
        }
        List<String> roles = c.getStringListClaimValue(Launch.LTI + "roles");
        Map<String, Object> context = map(c, Launch.LTI + "context");
        Map<String, Object> link = map(c, Launch.LTI + "resource_link");
        String resourceLinkId = string(link, "id");
        if (Launch.RESOURCE_LINK_REQUEST.equals(messageType) && resourceLinkId == null) {
            throw LaunchRefusal.unauthorized("The resource link launch lacks its resource link id.");
        }
        Map<String, Object> settings = map(c, DL + "deep_linking_settings");
        String returnUrl = string(settings, "deep_link_return_url");
        if (Launch.DEEP_LINKING_REQUEST.equals(messageType)) {
            if (returnUrl == null) {
                throw LaunchRefusal.unauthorized("The deep linking request lacks its deep_link_return_url.");
            }
            Object types = settings.get("accept_types");
            if (types instanceof List<?> list && !list.contains("ltiResourceLink")) {
                throw LaunchRefusal.forbidden("The LMS accepts " + list + " here; Threadmark offers exercises as "
                        + "LTI resource links (ltiResourceLink).");
            }
        }
        Map<String, Object> ags = map(c, AGS_ENDPOINT);
        List<String> scopes = new ArrayList<>();
        if (ags.get("scope") instanceof List<?> list) {
            list.forEach(s -> scopes.add(String.valueOf(s)));
        }
        Map<String, String> custom = new LinkedHashMap<>();
        map(c, Launch.LTI + "custom").forEach((k, v) -> custom.put(k, String.valueOf(v)));
        return new Launch(platform.id, platform.issuer, deploymentId, messageType, sub, c.getStringClaimValue("name"),
                c.getStringClaimValue("given_name"), c.getStringClaimValue("family_name"),
                c.getStringClaimValue("email"), roles, string(context, "id"), string(context, "title"),
                string(context, "label"), resourceLinkId, string(link, "title"), custom, string(ags, "lineitem"),
                string(ags, "lineitems"), scopes, string(map(c, NRPS), "context_memberships_url"), returnUrl,
                string(settings, "data"), login.nonce, expiresAt);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JwtClaims c, String name) {
        Object value = c.getClaimValue(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw LaunchRefusal.unauthorized("The launch's claim " + name + " is not a JSON object.");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }
}
