package threadmark.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Headers every response carries: no script but the server's own (no inline script exists), no framing by other
 * sites, no content sniffing, no page or API answer stored by the browser; HSTS and {@code Secure} cookies when the browser's connection is TLS, also when a
 * reverse proxy ended it and said so ({@code X-Forwarded-Proto}, honoured with
 * {@code quarkus.http.proxy.proxy-address-forwarding}).
 */
@ApplicationScoped
public class SecurityHeaders {
    /** CodeMirror positions its elements with inline styles; scripts may only come from this server. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /**
     * The check library's Javadoc (/docs/check/), generated at build time from our own sources, sets one variable in an
     * inline script on each page; nothing in it comes from a user.
     */
    static final String DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self';",
            "script-src 'self' 'unsafe-inline';");
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
    /** Files whose URL names their content (a version in the path or {@code ?v=}, see {@link StaticAssets}). */
    static final String FOR_GOOD = "public, max-age=31536000, immutable";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            boolean tls = rc.request().isSSL();
            String caching = caching(rc.request().path(), rc.request().getParam("v"));
            String policy = rc.request().path() != null && rc.request().path().startsWith("/docs/check/")
                    ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
            rc.addHeadersEndHandler(ignored -> {
                HttpServerResponse response = rc.response();
                response.putHeader("Cache-Control", caching);
                response.putHeader("Content-Security-Policy", policy);
                response.putHeader("X-Content-Type-Options", "nosniff");
                response.putHeader("X-Frame-Options", "DENY");
                response.putHeader("Referrer-Policy", "same-origin");
                if (tls) {
                    response.putHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
                    secureCookies(response);
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
        if (path.startsWith("/webjars/")) {
            return FOR_GOOD;
        }
        if (path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/docs/check/")) {
            return version != null ? FOR_GOOD : "no-cache";
        }
        return "no-store";
    }

    private static void secureCookies(HttpServerResponse response) {
        List<String> cookies = response.headers().getAll("Set-Cookie");
        if (cookies.isEmpty()) {
            return;
        }
        response.headers().remove("Set-Cookie");
        for (String cookie : cookies) {
            boolean secure = List.of(cookie.split(";")).stream().anyMatch(part -> part.strip().equalsIgnoreCase("Secure"));
            response.headers().add("Set-Cookie", secure ? cookie : cookie + "; Secure");
        }
    }
}
