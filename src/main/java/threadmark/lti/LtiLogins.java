package threadmark.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * OIDC third-party initiated login (LTI 1.3 core 5.1.1, Security Framework 5.1.1): finds the platform, remembers a
 * fresh state and nonce, and sends the browser to the platform's authorization endpoint; later takes the state back,
 * once, when the launch returns.
 */
@ApplicationScoped
public class LtiLogins {

    /** The login initiation's parameters, as the platform sent them. */
    public record Initiation(String issuer, String loginHint, String targetLinkUri, String ltiMessageHint,
                             String clientId, String deploymentId) {
    }

    @Inject
    LtiConfig config;

    @Inject
    LaunchProvisioning provisioning;

    /** The URL of the platform's authorization endpoint to send the browser to; a refusal (400/401) otherwise. */
    @Transactional
    public String initiate(Initiation in, ToolUrls urls) {
        if (blank(in.issuer()) || blank(in.loginHint()) || blank(in.targetLinkUri())) {
            throw new LaunchRefusal(400, "A login initiation needs iss, login_hint and target_link_uri: start the "
                    + "activity from the LMS.");
        }
        LtiPlatform platform = platform(in);
        if (!blank(in.deploymentId()) && LtiDeployment.of(platform, in.deploymentId()).isEmpty()) {
            throw LaunchRefusal.forbidden("Deployment " + in.deploymentId() + " of " + platform.name + " is not "
                    + "registered in Threadmark: an admin adds it to the platform's deployment ids.");
        }
        String target = in.targetLinkUri().strip();
        if (!(target.equals(urls.base()) || target.startsWith(urls.base() + "/"))) {
            throw new LaunchRefusal(400, "The login targets " + target + ", which is not this Threadmark ("
                    + urls.base() + "): check the URLs registered in the LMS.");
        }
        Instant now = Instant.now();
        provisioning.forgetOld(now.minus(config.loginStateLifetime()), now.minus(config.deepLinkLifetime()));
        LoginState login = new LoginState();
        login.state = LaunchProvisioning.newNonceOrState();
        login.nonce = LaunchProvisioning.newNonceOrState();
        login.platform = platform;
        login.targetLinkUri = target;
        login.persist();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("scope", "openid");
        query.put("response_type", "id_token");
        query.put("response_mode", "form_post");
        query.put("prompt", "none");
        query.put("client_id", platform.clientId);
        query.put("redirect_uri", target);
        query.put("login_hint", in.loginHint());
        if (!blank(in.ltiMessageHint())) {
            query.put("lti_message_hint", in.ltiMessageHint());
        }
        query.put("state", login.state);
        query.put("nonce", login.nonce);
        StringJoiner joined = new StringJoiner("&");
        query.forEach((k, v) -> joined.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return platform.authLoginUrl + (platform.authLoginUrl.contains("?") ? "&" : "?") + joined;
    }

    private static LtiPlatform platform(Initiation in) {
        String issuer = in.issuer().strip();
        if (!blank(in.clientId())) {
            return LtiPlatform.of(issuer, in.clientId().strip()).orElseThrow(() -> new LaunchRefusal(400,
                    "No LMS with issuer " + issuer + " and client id " + in.clientId().strip() + " is registered "
                            + "in Threadmark: an admin registers it first."));
        }
        List<LtiPlatform> platforms = LtiPlatform.byIssuer(issuer);
        if (platforms.isEmpty()) {
            throw new LaunchRefusal(400, "No LMS with issuer " + issuer + " is registered in Threadmark: an admin "
                    + "registers it first.");
        }
        if (platforms.size() > 1) {
            throw new LaunchRefusal(400, "Several registrations share issuer " + issuer + ": the LMS must send "
                    + "client_id with the login.");
        }
        return platforms.getFirst();
    }

    /** The login a launch answers, taken so that it cannot answer twice; a refusal if unknown, used or stale. */
    @Transactional
    public LoginState take(String state) {
        if (blank(state)) {
            throw LaunchRefusal.unauthorized("The launch carries no state: start the activity again from the LMS.");
        }
        LoginState login = LoginState.findById(state);
        if (login == null) {
            throw LaunchRefusal.unauthorized("This launch's state is unknown or was used already: start the activity"
                    + " again from the LMS.");
        }
        login.delete();
        if (login.createdAt.isBefore(Instant.now().minus(config.loginStateLifetime()))) {
            throw LaunchRefusal.unauthorized("This login was started too long ago: start the activity again from the"
                    + " LMS.");
        }
        login.platform.name.length(); // loaded while the transaction is open
        return login;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
