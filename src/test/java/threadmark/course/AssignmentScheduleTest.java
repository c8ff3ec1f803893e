package threadmark.course;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;
import threadmark.web.BrowserSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A course sets when each exercise opens and is due for its students: before it opens nothing can be sent, after the
 * deadline submissions are still accepted and marked late everywhere the student looks, and staff only practise.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class AssignmentScheduleTest {

    private static final String SOURCE = "public class Counter { public void increment() {} public long get() { return 0; } }";
    private static final String COURSE = "sched-course";

    @BeforeEach
    void createCourseWithJudy() {
        instructor().contentType(ContentType.JSON).body(Map.of("slug", COURSE, "title", "Schedules"))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        // An account made one by one keeps its password (a roster's must be changed first).
        instructor().contentType(ContentType.JSON)
                .body(Map.of("username", "judy", "password", "judy-password", "role", "STUDENT"))
                .post("/api/users").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        instructor().contentType(ContentType.JSON).body(Map.of("username", "judy", "section", "Tuesday"))
                .post("/api/courses/" + COURSE + "/students").then().statusCode(200);
    }

    private static RequestSpecification instructor() {
        return given().auth().preemptive().basic("instructor", "instructor");
    }

    private static RequestSpecification judy() {
        return given().auth().preemptive().basic("judy", "judy-password");
    }

    private static void assign(String exercise, Map<String, Object> change) {
        instructor().contentType(ContentType.JSON).body(change)
                .put("/api/courses/" + COURSE + "/assignments/" + exercise).then().statusCode(200);
    }

    private static long submit(RequestSpecification who, String exercise) {
        return who.contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", SOURCE)))
                .post("/api/exercises/" + exercise + "/submissions").then().statusCode(202)
                .extract().jsonPath().getLong("id");
    }

    private static boolean late(long id) {
        return instructor().get("/api/submissions/" + id).then().statusCode(200).extract().jsonPath().getBoolean("late");
    }

    @Test
    void submissionsAfterTheDeadlineAreAcceptedAndMarkedLate() {
        Instant past = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        assign("race-counter", Map.of("dueAt", past.toString(), "latePenaltyPerDay", 25,
                "cutoffAt", past.plus(Duration.ofDays(2)).toString()));
        judy().get("/api/exercises/race-counter").then().body("deadline", equalTo(past.toString()));
        instructor().get("/api/exercises/race-counter").then().body("deadline", equalTo(null));
        assertThat(late(submit(judy(), "race-counter"))).isTrue();

        BrowserSession session = BrowserSession.login("judy", "judy-password");
        assertThat(session.get("/exercises").asString()).contains("Deadline:", "class=\"deadline-passed\"");
        String page = session.get("/exercises/race-counter").asString();
        assertThat(page).contains("The deadline has passed: this submission will be marked late.",
                "<span class=\"tag late\">late</span>", "Late: −25% per started day");

        assign("race-counter", Map.of("dueAt", Instant.now().plus(Duration.ofDays(7)).toString()));
        assertThat(late(submit(judy(), "race-counter"))).isFalse();

        instructor().delete("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(204);
        instructor().delete("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(404)
                .body("error", containsString("is not assigned"));
        judy().get("/api/exercises/race-counter").then().body("deadline", equalTo(null));
    }

    @Test
    void nothingCanBeSentBeforeAnExerciseOpensExceptByStaffWhoPractise() throws Exception {
        Instant opens = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        assign("bank-transfer", Map.of("releaseAt", opens.toString(), "dueAt", opens.plus(Duration.ofDays(7)).toString()));
        judy().contentType(ContentType.JSON).body(Map.of("files", Map.of("Bank.java", "class Bank {}")))
                .post("/api/exercises/bank-transfer/submissions").then().statusCode(403)
                .body("error", containsString("'bank-transfer' opens for submissions on"));
        BrowserSession session = BrowserSession.login("judy", "judy-password");
        assertThat(session.get("/exercises").asString()).contains("class=\"not-open\"");
        // Title and dates only, in the page and in the API: the prompt, code and tests wait for the opening.
        String prompt = Files.readString(Path.of("exercises/bank-transfer/prompt.md"));
        String secondLine = prompt.lines().filter(l -> l.length() > 40).findFirst().orElseThrow();
        assertThat(session.get("/exercises/bank-transfer").asString())
                .contains("id=\"not-open\"", "id=\"submit\" disabled").doesNotContain(secondLine.substring(0, 30))
                .doesNotContain("class Bank");
        judy().get("/api/exercises/bank-transfer").then().statusCode(200).body("opensAt", equalTo(opens.toString()))
                .body("prompt", equalTo(null)).body("starterFiles", equalTo(null)).body("tests", equalTo(null));
        instructor().get("/api/exercises/bank-transfer").then().body("prompt", containsString("#"));
        given().get("/api/exercises/bank-transfer").then().statusCode(401);

        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        assertThat(staff.get("/exercises/race-counter").asString()).contains("id=\"practice-note\"");
        long practice = submit(instructor(), "race-counter");
        instructor().get("/api/submissions/" + practice).then().statusCode(200);
        assertThat(instructor().get("/api/courses/" + COURSE + "/gradebook").jsonPath()
                .getList("submissions.submission", Long.class)).doesNotContain(practice);
    }

    @Test
    void onlyStaffSetAssignmentsAndBadDatesAreRefusedWithTheReason() {
        judy().contentType(ContentType.JSON).body(Map.of("dueAt", "2030-01-01T00:00:00Z"))
                .put("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("dueAt", "2030-01-01T00:00:00Z"))
                .put("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(401);
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", "next friday"))
                .put("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(400)
                .body("error", equalTo("dueAt: expected a date and time such as 2030-01-31T23:59:00Z, got \"next friday\""));
        instructor().contentType(ContentType.JSON)
                .body(Map.of("dueAt", "2030-01-10T00:00:00Z", "cutoffAt", "2030-01-05T00:00:00Z"))
                .put("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(400)
                .body("error", containsString("the cut-off (2030-01-05T00:00:00Z) is before the deadline"));
        instructor().contentType(ContentType.JSON).body(Map.of("latePenaltyPerDay", 150, "dueAt", "2030-01-10T00:00:00Z"))
                .put("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(400)
                .body("error", containsString("latePenaltyPerDay"));
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", "2030-01-01T00:00:00Z"))
                .put("/api/courses/" + COURSE + "/assignments/no-such-exercise").then().statusCode(404);
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", "2030-01-01T00:00:00Z"))
                .put("/api/courses/no-such-course/assignments/race-counter").then().statusCode(404)
                .body("error", containsString("no course 'no-such-course'"));
    }
}
