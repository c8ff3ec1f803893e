package threadmark.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The HTTP client that calls platforms' services; an LMS that does not answer is a retryable failure. */
@ApplicationScoped
public class LtiHttp {

    @Inject
    LtiConfig config;

    private volatile HttpClient client;

    Duration timeout() {
        return config.httpTimeout();
    }

    HttpResponse<String> send(HttpRequest request, String what) throws PlatformCallFailed {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PlatformCallFailed(0, "the " + what + " did not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + PlatformCallFailed.trimmed(e.getMessage())) + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformCallFailed(0, "interrupted while calling the " + what, true);
        }
    }

    private HttpClient client() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(config.httpTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                made = client;
            }
        }
        return made;
    }
}
