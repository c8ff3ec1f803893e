package threadmark.user;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Server-side browser sessions. Quarkus form authentication keeps the user's name in an encrypted cookie that any
 * holder can replay until it expires; beside it a random token names a row in user_session, and a page request is
 * let in only while that row exists. Logging out, changing a password or disabling an account deletes rows, which
 * ends the sessions at once, also on another machine that kept a copy of the cookies.
 */
@ApplicationScoped
public class Sessions {

    /** The cookie holding the session's token. */
    public static final String COOKIE = "threadmark-session";
    /** The cookie in which Quarkus form authentication keeps the encrypted user name. */
    public static final String FORM_COOKIE = "quarkus-credential";
    /**
     * Set by logging out, cleared by the next login: while it is there, the login page drops the page Quarkus would
     * return to after login, which Back after a logout points at the last user's page (the next person to log in on a
     * shared machine would land on it, refused).
     */
    public static final String SIGNED_OUT_COOKIE = "threadmark-signed-out";
    /** However active, a session ends after this; the form cookie's idle timeout ends it earlier. */
    static final Duration MAX_AGE = Duration.ofDays(14);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Starts a session for the user and sets its cookie on the response. */
    @Transactional
    public void start(long userId, HttpServerRequest request) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UserSession.endOlderThan(Instant.now().minus(MAX_AGE));
        UserSession session = new UserSession();
        session.tokenHash = hash(token);
        session.userId = userId;
        session.persist();
        request.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(request.isSSL()));
        if (request.getCookie(SIGNED_OUT_COOKIE) != null) {
            expire(request.response(), SIGNED_OUT_COOKIE);
        }
    }

    /** Whether the request carries a live session of this user. */
    @Transactional
    public boolean isLive(long userId, HttpServerRequest request) {
        String token = token(request);
        return token != null && UserSession.byTokenHash(hash(token))
                .filter(s -> s.userId == userId && s.createdAt.isAfter(Instant.now().minus(MAX_AGE))).isPresent();
    }

    /** Ends the request's session, if any, expires both cookies and marks the browser as signed out. */
    @Transactional
    public void end(HttpServerRequest request) {
        String token = token(request);
        if (token != null) {
            UserSession.delete("tokenHash", hash(token));
        }
        forget(request.response());
        request.response().addCookie(Cookie.cookie(SIGNED_OUT_COOKIE, "1").setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(request.isSSL()));
    }

    /** Ends every session of the user except the request's own (pass null to end them all). */
    @Transactional
    public void endOthers(long userId, HttpServerRequest keep) {
        String token = keep == null ? null : token(keep);
        UserSession.endAllOf(userId, token == null ? null : hash(token));
    }

    /** Expires both cookies, so a browser holding an ended session stops sending it. */
    public static void forget(HttpServerResponse response) {
        expire(response, COOKIE);
        expire(response, FORM_COOKIE);
    }

    private static void expire(HttpServerResponse response, String name) {
        response.addCookie(Cookie.cookie(name, "").setPath("/").setMaxAge(0));
    }

    private static String token(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
