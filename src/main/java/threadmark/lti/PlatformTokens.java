package threadmark.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Access tokens for a platform's services (1EdTech Security Framework 1.0, section 4.1: the OAuth 2 client credentials
 * grant with a JWT client assertion signed by our key, RFC 7523). Kept per platform and set of scopes until shortly
 * before they expire; neither the assertion nor a token is ever logged or shown.
 */
@ApplicationScoped
public class PlatformTokens {

    public static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    public static final String MEMBERSHIPS_SCOPE =
            "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    /** Where a platform hands out tokens and what it calls us: read once, so that no call needs a transaction. */
    public record Endpoint(long platformId, String clientId, String tokenUrl, String audience) {
        public static Endpoint of(LtiPlatform platform) {
            return new Endpoint(platform.id, platform.clientId, platform.authTokenUrl, platform.tokenAudience());
        }
    }

    private record Key(long platformId, String scopes) {
    }

    private record Cached(String token, Instant renewAt) {
    }

    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    ToolKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    LtiHttp http;

    /** A token granting {@code scopes} at {@code platform}: the cached one while it lasts, else a new one. */
    public String token(Endpoint platform, Collection<String> scopes) throws PlatformCallFailed {
        Key key = key(platform, scopes);
        Cached cached = cache.get(key);
        if (cached != null && Instant.now().isBefore(cached.renewAt())) {
            return cached.token();
        }
        Cached fresh = request(platform, key.scopes());
        cache.put(key, fresh);
        return fresh.token();
    }

    /** The platform refused a token we held (401): the next call asks for a new one. */
    public void forget(Endpoint platform, Collection<String> scopes) {
        cache.remove(key(platform, scopes));
    }

    private static Key key(Endpoint platform, Collection<String> scopes) {
        return new Key(platform.platformId(), String.join(" ", new TreeSet<>(scopes)));
    }

    private Cached request(Endpoint platform, String scopes) throws PlatformCallFailed {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion(platform));
        form.put("scope", scopes);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri;
        try {
            uri = URI.create(platform.tokenUrl());
        } catch (IllegalArgumentException e) {
            throw new PlatformCallFailed(0, "the platform's token URL is not a URL: " + platform.tokenUrl(), false);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(http.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, "token endpoint " + platform.tokenUrl());
        if (response.statusCode() / 100 != 2) {
            throw new PlatformCallFailed(response.statusCode(), "the token endpoint " + platform.tokenUrl()
                    + " answered " + response.statusCode() + ": "
                    + PlatformCallFailed.trimmed(oauthError(response.body())),
                    PlatformCallFailed.retryable(response.statusCode()));
        }
        try {
            JsonNode answer = json.readTree(response.body());
            String token = answer.path("access_token").asText("");
            if (token.isBlank()) {
                throw new PlatformCallFailed(response.statusCode(), "the token endpoint " + platform.tokenUrl()
                        + " answered without an access_token", false);
            }
            long seconds = answer.path("expires_in").asLong(300);
            Instant now = Instant.now();
            Instant renewAt = now.plusSeconds(Math.max(0, seconds - Math.min(RENEW_BEFORE.toSeconds(), seconds / 10)));
            Log.debugf("lti: token for platform %s, scopes %s, valid %s s", (Object) platform.platformId(), scopes,
                    seconds);
            return new Cached(token, renewAt);
        } catch (IOException e) {
            throw new PlatformCallFailed(response.statusCode(), "the token endpoint " + platform.tokenUrl()
                    + " answered something that is not JSON", false);
        }
    }

    /** Only the OAuth error fields of a refusal: its body could echo what we sent. */
    private String oauthError(String body) {
        try {
            JsonNode answer = json.readTree(body);
            String error = answer.path("error").asText("");
            String description = answer.path("error_description").asText("");
            if (!error.isEmpty()) {
                return description.isEmpty() ? error : error + " (" + description + ")";
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status alone must do
        }
        return body == null || body.contains("eyJ") ? "" : body;
    }

    private String assertion(Endpoint platform) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(platform.clientId());
        claims.setSubject(platform.clientId());
        claims.setAudience(platform.audience());
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(ASSERTION_LIFETIME).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        return keys.sign(claims);
    }

    /** For tests: tokens are asked for again. */
    void clear() {
        cache.clear();
    }
}
