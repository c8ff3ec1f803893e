package threadmark.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import threadmark.web.BrowserSession;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One student cannot hold the server's live-status streams (each a thread and database reads while it waits): past
 * the cap they get 429 with a sentence, and a closed page gives its stream back.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class LiveStreamsTest {

    private static final String SOURCE = "public class Counter { private long n; public synchronized void increment()"
            + " { n++; } public synchronized long get() { return n; } }";

    @Test
    void aUserGetsAtMostTheCapOfLiveStreamsAndAClosedOneIsGivenBack() throws Exception {
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("username", "lena", "password", "lena-password", "role", "STUDENT"))
                .post("/api/users");
        // No workers in this profile: the grading stays queued, so its stream stays open.
        long id = given().auth().preemptive().basic("lena", "lena-password").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("Counter.java", SOURCE))).post("/api/exercises/race-counter/submissions")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        BrowserSession lena = BrowserSession.login("lena", "lena-password");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest events = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/submissions/" + id + "/events"))
                .header("Cookie", lena.cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")))
                .header("Accept", "text/event-stream").build();

        List<HttpResponse<InputStream>> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<InputStream> stream = http.send(events, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            open.add(stream);
        }
        HttpResponse<String> third = http.send(events, HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).contains("60");
        assertThat(third.body()).startsWith("Too many live pages: you have 2 live result pages open already");

        open.getFirst().body().close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            Thread.sleep(200);
            HttpResponse<InputStream> again = http.send(events, HttpResponse.BodyHandlers.ofInputStream());
            status = again.statusCode();
            again.body().close();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("a stream once its page was closed").isEqualTo(200);
        open.getLast().body().close();
    }
}
