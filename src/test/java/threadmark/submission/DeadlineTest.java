package threadmark.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.grading.QueueOnlyProfile;
import threadmark.web.BrowserSession;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Staff set deadlines; submissions after one are still accepted, and marked late everywhere the student looks. */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class DeadlineTest {

    private static final String SOURCE = "public class Counter { public void increment() {} public long get() { return 0; } }";

    @BeforeEach
    void createStudent() {
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("username", "judy", "password", "judy-password", "role", "STUDENT"))
                .post("/api/users").then().statusCode(anyOf(equalTo(201), equalTo(409)));
    }

    private static RequestSpecification instructor() {
        return given().auth().preemptive().basic("instructor", "instructor");
    }

    private static RequestSpecification judy() {
        return given().auth().preemptive().basic("judy", "judy-password");
    }

    private static boolean submitAndReadLate() {
        long id = judy().contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", SOURCE)))
                .post("/api/exercises/race-counter/submissions").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        return judy().get("/api/submissions/" + id).then().statusCode(200).extract().jsonPath().getBoolean("late");
    }

    @Test
    void submissionsAfterTheDeadlineAreAcceptedAndMarkedLate() {
        Instant past = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", past.toString()))
                .put("/api/exercises/race-counter/deadline").then().statusCode(200)
                .body("dueAt", equalTo(past.toString()));
        given().get("/api/exercises/race-counter").then().body("deadline", equalTo(past.toString()));
        assertThat(submitAndReadLate()).isTrue();

        BrowserSession session = BrowserSession.login("judy", "judy-password");
        assertThat(session.get("/exercises").asString()).contains("Deadline:", "class=\"deadline-passed\"");
        String page = session.get("/exercises/race-counter").asString();
        assertThat(page).contains("The deadline has passed: this submission will be marked late.",
                "<span class=\"tag late\">late</span>");

        Instant future = Instant.now().plus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", future.toString()))
                .put("/api/exercises/race-counter/deadline").then().statusCode(200);
        assertThat(submitAndReadLate()).isFalse();

        instructor().delete("/api/exercises/race-counter/deadline").then().statusCode(204);
        instructor().delete("/api/exercises/race-counter/deadline").then().statusCode(404)
                .body("error", containsString("has no deadline"));
        given().get("/api/exercises/race-counter").then().body("deadline", equalTo(null));
    }

    @Test
    void onlyStaffSetDeadlinesAndBadDatesAreRefused() {
        judy().contentType(ContentType.JSON).body(Map.of("dueAt", "2030-01-01T00:00:00Z"))
                .put("/api/exercises/race-counter/deadline").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("dueAt", "2030-01-01T00:00:00Z"))
                .put("/api/exercises/race-counter/deadline").then().statusCode(401);
        judy().delete("/api/exercises/race-counter/deadline").then().statusCode(403);
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", "next friday"))
                .put("/api/exercises/race-counter/deadline").then().statusCode(400)
                .body("error", containsString("dueAt: Cannot deserialize value of type `java.time.Instant` from String \"next friday\""));
        instructor().contentType(ContentType.JSON).body(Map.of())
                .put("/api/exercises/race-counter/deadline").then().statusCode(400)
                .body("error", containsString("dueAt"));
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", "2030-01-01T00:00:00Z"))
                .put("/api/exercises/no-such-exercise/deadline").then().statusCode(404);
    }
}
