package threadmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The real server's JSON API over HTTP, as the benchmark's students and instructor use it. */
final class ServerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ServerClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The server's URL, without a trailing slash. */
    String base() {
        return base;
    }

    /** {@code POST} as {@code user}; returns the status and the JSON body. */
    Reply post(String user, String password, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return send(request);
    }

    Reply get(String user, String password, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic(user, password))
                .GET().build());
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), body);
    }

    /** A submission of {@code files}; the id, or an exception naming the refusal. */
    long submit(String user, String password, String exercise, Map<String, String> files)
            throws IOException, InterruptedException {
        Reply reply = post(user, password, "/api/exercises/" + exercise + "/submissions", Map.of("files", files));
        if (reply.status() != 202) {
            throw new IOException("submission refused with " + reply.status() + ": " + reply.body());
        }
        return reply.body().get("id").asLong();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    record Reply(int status, JsonNode body) {
    }
}
