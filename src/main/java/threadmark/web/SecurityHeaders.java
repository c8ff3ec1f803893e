package threadmark.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * Headers every response carries: no script but the server's own (no inline script exists), no framing by other
 * sites, no content sniffing, no page or API answer stored by the browser; HSTS and {@code Secure} cookies when the browser's connection is TLS, also when a
 * reverse proxy ended it and said so ({@code X-Forwarded-Proto}, honoured with
 * {@code quarkus.http.proxy.proxy-address-forwarding}). Registered LMSs ({@link FramingSites}) may frame our pages: an
 * LTI launch opens inside an iframe of the LMS, where cookies need {@code SameSite=None; Secure; Partitioned}.
 */
@ApplicationScoped
public class SecurityHeaders {
    /** CodeMirror positions its elements with inline styles; scripts may only come from this server. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /**
     * The check library's Javadoc (/docs/check/), generated at build time from our own sources, sets one variable in an
     * inline script on each page; Swagger UI (/q/swagger-ui/) starts itself from an inline script of the same static
     * page. Nothing in either comes from a user.
     */
    static final String DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self';",
            "script-src 'self' 'unsafe-inline';");
    /**
     * A page may post one form to another site (an LTI deep linking answer to the LMS): it puts that origin in the
     * request's context under this key, and the policy's form-action allows it for this answer alone.
     */
    public static final String FORM_ACTION_ORIGIN = "threadmark.form-action-origin";
    /** Our public key set, which platforms fetch often: they may keep it a few minutes (a rotation keeps the old key). */
    static final String KEY_SET_PATH = "/.well-known/jwks.json";
    static final String SWAGGER_UI_PATH = "/q/swagger-ui";

    @Inject
    Instance<FramingSites> framingSites;

    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
    /** Files whose URL names their content (a version in the path or {@code ?v=}, see {@link StaticAssets}). */
    static final String FOR_GOOD = "public, max-age=31536000, immutable";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            boolean tls = rc.request().isSSL();
            String caching = caching(rc.request().path(), rc.request().getParam("v"));
            // The path as routed ("/q/swagger-ui/../login" is the login page, and gets the pages' policy).
            String routed = rc.normalizedPath();
            boolean docs = routed != null && (routed.startsWith("/docs/check/") || routed.startsWith(SWAGGER_UI_PATH));
            boolean framed = "iframe".equals(rc.request().getHeader("Sec-Fetch-Dest"));
            rc.addHeadersEndHandler(ignored -> {
                HttpServerResponse response = rc.response();
                List<String> framers = framers();
                response.putHeader("Cache-Control", caching);
                response.putHeader("Content-Security-Policy", policy(docs ? DOCS_CONTENT_SECURITY_POLICY
                        : CONTENT_SECURITY_POLICY, framers, rc.get(FORM_ACTION_ORIGIN)));
                response.putHeader("X-Content-Type-Options", "nosniff");
                if (framers.isEmpty()) {
                    // Browsers that know frame-ancestors ignore this; it only protects older ones, and cannot name sites.
                    response.putHeader("X-Frame-Options", "DENY");
                }
                response.putHeader("Referrer-Policy", "same-origin");
                if (tls) {
                    response.putHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
                    secureCookies(response, framed);
                }
            });
            rc.next();
        });
    }

    /**
     * Pages and API answers are never stored (Back after a logout on a shared lab machine must not show the last
     * student's work); the server's static files are kept for good under a versioned URL, and checked again without.
     */
    static String caching(String path, String version) {
        if (path == null) {
            return "no-store";
        }
        if (path.equals(KEY_SET_PATH)) {
            return "public, max-age=300";
        }
        if (path.startsWith("/webjars/")) {
            return FOR_GOOD;
        }
        if (path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/docs/check/")) {
            return version != null ? FOR_GOOD : "no-cache";
        }
        return "no-store";
    }

    private List<String> framers() {
        return framingSites.isResolvable() ? framingSites.get().origins() : List.of();
    }

    static String policy(List<String> framers, Object formActionOrigin) {
        return policy(CONTENT_SECURITY_POLICY, framers, formActionOrigin);
    }

    static String policy(String base, List<String> framers, Object formActionOrigin) {
        String policy = base;
        if (formActionOrigin != null) {
            policy = policy.replace("form-action 'self'", "form-action 'self' " + formActionOrigin);
        }
        if (!framers.isEmpty()) {
            policy = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self' " + String.join(" ", framers));
        }
        return policy;
    }

    /**
     * Cookies are Secure over TLS. In a page framed by another site (an LMS launching us), a browser sends only
     * {@code SameSite=None} cookies, and Chromium without third-party cookies (and Safari, Firefox) only partitioned
     * ones (CHIPS: kept for this LMS site alone), so the session and CSRF cookies set there are both.
     */
    private static void secureCookies(HttpServerResponse response, boolean framed) {
        List<String> cookies = response.headers().getAll("Set-Cookie");
        if (cookies.isEmpty()) {
            return;
        }
        response.headers().remove("Set-Cookie");
        for (String cookie : cookies) {
            response.headers().add("Set-Cookie", framed ? framedCookie(cookie) : secureCookie(cookie));
        }
    }

    static String secureCookie(String cookie) {
        boolean secure = List.of(cookie.split(";")).stream().anyMatch(part -> part.strip().equalsIgnoreCase("Secure"));
        return secure ? cookie : cookie + "; Secure";
    }

    static String framedCookie(String cookie) {
        StringBuilder out = new StringBuilder();
        for (String part : cookie.split(";")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.startsWith("samesite") || name.equals("secure") || name.equals("partitioned")) {
                continue;
            }
            out.append(out.isEmpty() ? "" : ";").append(part);
        }
        return out + "; SameSite=None; Secure; Partitioned";
    }
}
