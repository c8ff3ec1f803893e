package threadmark.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import threadmark.web.BrowserSession;

/**
 * A live result page waits for the database to announce a change of its grading, instead of asking it every few
 * hundred milliseconds: while nothing changes it takes no connection from the pool at all, and a change made by any
 * process (here a worker's claim, and a plain SQL update from outside the server) reaches it at once.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class LiveStatusPushTest {

    private static final String SOURCE = "public class Counter { private long n; public synchronized void increment()"
            + " { n++; } public synchronized long get() { return n; } }";
    private static final long EVENT_WAIT_SECONDS = 5;

    @Inject
    AgroalDataSource pool;

    @Inject
    GradingQueue queue;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aWaitingPageCostsThePoolNothingAndHearsEveryChangeAtOnce() throws Exception {
        // The queue-only profile is shared, and no worker takes what earlier tests queued: this test watches the
        // queue move under a worker's claims, so it starts from an empty queue.
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("update grading set status = 'ERROR', finished_at = now(), lease_owner = null "
                    + "where status in ('QUEUED', 'RUNNING', 'WAITING')");
        }
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("username", "mira", "password", "mira-password", "role", "STUDENT"))
                .post("/api/users");
        long ahead = submit();
        long followed = submit();
        BlockingQueue<JsonPath> events = follow(followed, BrowserSession.login("mira", "mira-password"));

        JsonPath first = next(events);
        assertThat(first.getString("status")).isEqualTo("QUEUED");
        assertThat(first.getLong("queuePosition")).as("one submission is ahead").isEqualTo(1);

        long acquiredBefore = pool.getMetrics().acquireCount();
        Thread.sleep(3_000);
        assertThat(pool.getMetrics().acquireCount() - acquiredBefore)
                .as("connections taken from the pool while the page waited 3 s for a change").isZero();

        queue.claim("worker-elsewhere").orElseThrow();
        assertThat(pool.getMetrics().acquireCount()).as("the pool's figures count (a worker's claim took one)")
                .isGreaterThan(acquiredBefore);
        JsonPath moved = next(events);
        assertThat(moved.getString("status")).isEqualTo("QUEUED");
        assertThat(moved.getLong("queuePosition")).as("the submission ahead was taken by a worker").isZero();

        queue.claim("worker-elsewhere").orElseThrow();
        assertThat(next(events).getString("status")).isEqualTo("RUNNING");

        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("update grading set status = 'DONE', finished_at = now(), score = 100, "
                    + "max_score = 100, lease_owner = null where submission_id = " + followed);
        }
        JsonPath done = next(events);
        assertThat(done.getString("status")).isEqualTo("DONE");
        assertThat(done.getDouble("score")).isEqualTo(100.0);
        assertThat(events.poll(2, TimeUnit.SECONDS)).as("the stream ends once graded").isNull();
    }

    private static long submit() {
        return given().auth().preemptive().basic("mira", "mira-password").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("Counter.java", SOURCE))).post("/api/exercises/race-counter/submissions")
                .then().statusCode(202).extract().jsonPath().getLong("id");
    }

    private static JsonPath next(BlockingQueue<JsonPath> events) throws InterruptedException {
        JsonPath event = events.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(event).as("a live status within " + EVENT_WAIT_SECONDS + " s").isNotNull();
        return event;
    }

    /** The page's event stream, each data line parsed as it arrives. */
    private static BlockingQueue<JsonPath> follow(long id, BrowserSession session) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/submissions/" + id + "/events"))
                .header("Cookie", session.cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .build().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BlockingQueue<JsonPath> events = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        events.add(new JsonPath(line.substring(5).trim()));
                    }
                }
            } catch (IOException e) {
                // the test ended the stream
            }
        });
        return events;
    }
}
