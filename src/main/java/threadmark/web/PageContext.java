package threadmark.web;

import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Locale;

/** The language, time zone and layout of the page being rendered for this request. */
@RequestScoped
public class PageContext {

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    @Inject
    StaffCheck staffCheck;

    @Inject
    CsrfTokenParameterProvider csrf;

    public Locale locale() {
        return Languages.of(request);
    }

    /** Dates in the reader's language and time zone (the browser's, or the one chosen on /zone; UTC until known). */
    public Dates dates() {
        Cookie zone = request.getCookie(Dates.COOKIE);
        return new Dates(locale(), Dates.zoneOf(zone == null ? null : zone.getValue()));
    }

    public PageFrame frame() {
        String path = request.uri();
        if (identity.isAnonymous()) {
            return PageFrame.anonymous(locale(), dates().zoneLabel(), path, csrfToken());
        }
        return new PageFrame(identity.getPrincipal().getName(), staffCheck.isStaff(identity), locale().getLanguage(),
                dates().zoneLabel(), path, csrfToken());
    }

    /**
     * The token page forms must carry. The CSRF filter provides it on GET; a page rendered in answer to a POST (a
     * refused submission, an error) reuses the token of the cookie that POST was checked against.
     */
    private String csrfToken() {
        try {
            return csrf.getToken();
        } catch (IllegalStateException notSetOnThisRequest) {
            Cookie cookie = request.getCookie(csrf.getCookieName());
            return cookie == null ? "" : cookie.getValue();
        }
    }
}
