package threadmark.lti;

import io.vertx.core.http.HttpServerRequest;

import java.util.Map;

/**
 * The addresses of Threadmark as an LTI tool that an LMS is told: where logins start, where launches and deep linking
 * requests land, and where our key set is. From {@code threadmark.lti.base-url}, else from the request as the server
 * saw it (a proxy's X-Forwarded-* are honoured when quarkus.http.proxy.proxy-address-forwarding is on).
 */
public record ToolUrls(String base, String login, String launch, String deepLinking, String keySet,
                       String canvasConfigurationUrl) {

    public static ToolUrls of(LtiConfig config, HttpServerRequest request) {
        String base = config.baseUrl().map(String::strip).filter(s -> !s.isEmpty())
                .orElseGet(() -> request.scheme() + "://" + request.authority());
        return of(base);
    }

    public static ToolUrls of(String base) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        // Deep linking requests come to the launch URL too: the message type tells them apart.
        return new ToolUrls(b, b + "/lti/login", b + "/lti/launch", b + "/lti/launch", b + "/.well-known/jwks.json",
                b + "/lti/canvas.json");
    }

    /** The host platforms see us at, for Canvas' "domain". */
    public String host() {
        return java.net.URI.create(base).getHost();
    }

    static final String AGS_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/";
    static final String NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

    /**
     * The LTI 1.3 developer key JSON Canvas imports ("Add LTI key", method "Paste JSON" or "Enter URL"): our URLs, the
     * AGS and NRPS scopes we use, and deep linking placements for adding an exercise to a module or an assignment.
     */
    public Map<String, Object> canvasJson() {
        Map<String, Object> deepLink = Map.of("message_type", "LtiDeepLinkingRequest", "target_link_uri", deepLinking);
        return Map.of(
                "title", "Threadmark",
                "description", "Autograded Java concurrency exercises: students submit, the sandbox grades, the grade"
                        + " goes to the gradebook.",
                "oidc_initiation_url", login,
                "target_link_uri", launch,
                "public_jwk_url", keySet,
                "scopes", java.util.List.of(AGS_SCOPE + "lineitem", AGS_SCOPE + "lineitem.readonly",
                        AGS_SCOPE + "result.readonly", AGS_SCOPE + "score", NRPS_SCOPE),
                // Canvas substitutes the login id; we name new accounts after it (Moodle: $User.username).
                "custom_fields", Map.of("login_id", "$Canvas.user.loginId"),
                "extensions", java.util.List.of(Map.of(
                        "platform", "canvas.instructure.com",
                        "domain", host(),
                        "tool_id", "threadmark",
                        "privacy_level", "public",
                        "settings", Map.of(
                                "text", "Threadmark",
                                "placements", java.util.List.of(
                                        withPlacement("link_selection", deepLink),
                                        withPlacement("assignment_selection", deepLink))))));
    }

    private static Map<String, Object> withPlacement(String placement, Map<String, Object> deepLink) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(deepLink);
        m.put("placement", placement);
        m.put("text", "Threadmark");
        return m;
    }
}
