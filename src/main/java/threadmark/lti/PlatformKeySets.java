package threadmark.lti;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms' public keys, fetched from their key set URLs and kept for threadmark.lti.key-set-cache. A launch
 * signed with a kid we do not know fetches the set again (the platform rotated its key), but not more often than
 * threadmark.lti.key-set-refetch-interval, so that forged kids cannot make us hammer the platform.
 */
@ApplicationScoped
public class PlatformKeySets {

    private static final int MAX_BYTES = 512 * 1024;

    private record Fetched(JsonWebKeySet keys, Instant at) {
    }

    @Inject
    LtiConfig config;

    private final Map<String, Fetched> cache = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The platform's key {@code kid}; a refusal (401) when it has none by that id or its set cannot be fetched. */
    public Key key(LtiPlatform platform, String kid) {
        String url = platform.keySetUrl;
        Instant now = Instant.now();
        Fetched fetched = cache.get(url);
        if (fetched == null || fetched.at().plus(config.keySetCache()).isBefore(now)) {
            fetched = fetch(url);
        }
        Key key = find(fetched, kid);
        if (key == null && !fetched.at().plus(config.keySetRefetchInterval()).isAfter(now)) {
            fetched = fetch(url);
            key = find(fetched, kid);
        }
        if (key == null) {
            throw LaunchRefusal.unauthorized("The launch was signed with a key (kid " + kid + ") that " + platform.name
                    + " does not publish at " + url + ": the LMS or its registration in Threadmark is misconfigured.");
        }
        return key;
    }

    void forget(@Observes PlatformRegistrations.Changed change) {
        cache.clear();
    }

    private static Key find(Fetched fetched, String kid) {
        for (JsonWebKey jwk : fetched.keys().getJsonWebKeys()) {
            if (kid.equals(jwk.getKeyId()) && (jwk.getUse() == null || "sig".equals(jwk.getUse()))) {
                return jwk.getKey();
            }
        }
        return null;
    }

    private synchronized Fetched fetch(String url) {
        Fetched recent = cache.get(url);
        if (recent != null && recent.at().plus(config.keySetRefetchInterval()).isAfter(Instant.now())) {
            return recent; // another launch fetched it while this one waited
        }
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IOException("HTTP " + answer.statusCode());
            }
            if (answer.body().length > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            Fetched fetched = new Fetched(new JsonWebKeySet(new String(answer.body(),
                    java.nio.charset.StandardCharsets.UTF_8)), Instant.now());
            cache.put(url, fetched);
            Log.infof("LTI key set fetched from %s: %d keys", url, fetched.keys().getJsonWebKeys().size());
            return fetched;
        } catch (IOException | JoseException | IllegalArgumentException e) {
            Log.warnf("LTI key set %s could not be fetched: %s", url, e.getMessage());
            throw LaunchRefusal.unauthorized("Threadmark could not fetch the LMS's public keys from " + url + " ("
                    + e.getMessage() + "), so the launch cannot be checked: try again, or ask an admin to check the "
                    + "key set URL.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LaunchRefusal.unauthorized("Interrupted while fetching the LMS's public keys: try again.");
        }
    }
}
