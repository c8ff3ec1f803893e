package threadmark.course;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import threadmark.grading.GradeReport;
import threadmark.submission.Grading;
import threadmark.submission.QueueOnlyProfile;
import threadmark.submission.TestResult;
import threadmark.web.BrowserSession;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static threadmark.testing.Api.as;
import static threadmark.testing.Api.instructor;
import static threadmark.testing.Api.student;

/**
 * A student with an extension is held to their own deadline; an assignment may take a limited number of submissions
 * and charge for those after the free ones. The student reads both before submitting, and the gradebook applies both.
 * Once an assignment has ended, it may show its students the hidden tests.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class ExtensionsAndAttemptsTest {

    private static final String COURSE = "ea-course";
    private static final Map<String, Object> COUNTER = Map.of("files", Map.of("Counter.java",
            "public class Counter { public void increment() {} public long get() { return 0; } }"));

    @Test
    void anExtensionMovesOneStudentsDeadlineAndExtraSubmissionsCostWhatThePolicySays() throws Exception {
        Instant due = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        instructor().contentType(ContentType.JSON).body(Map.of("slug", COURSE, "title", "Extensions"))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        Map<String, Object> policy = new HashMap<>(Map.of("dueAt", due.toString(), "latePenaltyPerDay", 50,
                "maxSubmissions", 3, "freeSubmissions", 1, "attemptPenalty", 10));
        instructor().contentType(ContentType.JSON).body(policy)
                .put("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(200)
                .body("maxSubmissions", equalTo(3)).body("attemptPenalty", equalTo(10.0f));
        for (String name : List.of("ea-ann", "ea-bob")) {
            student(name);
            instructor().contentType(ContentType.JSON).body(Map.of("username", name))
                    .post("/api/courses/" + COURSE + "/students").then().statusCode(200);
        }
        Instant extended = due.plus(Duration.ofDays(2));
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", extended.toString()))
                .put("/api/courses/" + COURSE + "/assignments/race-counter/extensions/ea-ann").then().statusCode(200)
                .body("username", equalTo("ea-ann")).body("grantedBy", equalTo("instructor"));

        long first = submit("ea-ann");
        assertThat(as("ea-ann").get("/api/submissions/" + first).jsonPath().getBoolean("late"))
                .as("within her extension").isFalse();
        long bobs = submit("ea-bob");
        assertThat(as("ea-bob").get("/api/submissions/" + bobs).jsonPath().getBoolean("late")).isTrue();
        String page = BrowserSession.login("ea-ann", "ea-ann-password").get("/exercises/race-counter").asString();
        assertThat(page).contains("id=\"extended\"", "1 of 3 submissions used",
                "free submissions: 1; each further one costs 10% of its score");
        long second = submit("ea-ann");
        long third = submit("ea-ann");
        as("ea-ann").contentType(ContentType.JSON).body(COUNTER).post("/api/exercises/race-counter/submissions")
                .then().statusCode(409).body("error", containsString("you have used all 3 submissions"));
        assertThat(BrowserSession.login("ea-ann", "ea-ann-password").get("/exercises/race-counter").asString())
                .contains("3 of 3 submissions used", "id=\"used-up\"");

        for (long id : List.of(first, second, third, bobs)) {
            fullMarks(id);
        }
        JsonPath book = instructor().get("/api/courses/" + COURSE + "/gradebook").then().statusCode(200)
                .extract().jsonPath();
        assertThat(book.getList("submissions.findAll { it.username == 'ea-ann' }.penaltyPercent", Float.class))
                .as("the 2nd and 3rd submissions pay for coming after the free one").containsExactly(0f, 10f, 20f);
        assertThat(book.getList("submissions.findAll { it.username == 'ea-bob' }.penaltyPercent", Float.class))
                .as("one started day late, no extension").containsExactly(50f);
        assertThat(book.getFloat("students.find { it.username == 'ea-ann' }.total")).isEqualTo(100f);
        assertThat(book.getFloat("students.find { it.username == 'ea-bob' }.total")).isEqualTo(50f);

        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", due.minus(Duration.ofDays(1)).toString()))
                .put("/api/courses/" + COURSE + "/assignments/race-counter/extensions/ea-bob").then().statusCode(400)
                .body("error", containsString("moves the deadline later"));
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", extended.toString()))
                .put("/api/courses/" + COURSE + "/assignments/race-counter/extensions/nobody").then().statusCode(404);
        policy.put("freeSubmissions", 5);
        instructor().contentType(ContentType.JSON).body(policy)
                .put("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(400)
                .body("error", containsString("more free submissions (5) than submissions allowed (3)"));
        instructor().delete("/api/courses/" + COURSE + "/assignments/race-counter/extensions/ea-ann").then()
                .statusCode(204);
        instructor().get("/api/courses/" + COURSE + "/extensions").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void hiddenTestsAreShownOnlyOnceTheAssignmentHasEndedAndOnlyWhereItSaysSo() {
        instructor().contentType(ContentType.JSON).body(Map.of("slug", "rv-course", "title", "Reveal"))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        student("rv-sue");
        instructor().contentType(ContentType.JSON).body(Map.of("username", "rv-sue"))
                .post("/api/courses/rv-course/students").then().statusCode(200);
        Instant ended = Instant.now().minus(Duration.ofHours(1));
        Instant open = Instant.now().plus(Duration.ofDays(3));
        reveal(open, true);
        long id = submit("rv-sue");
        QuarkusTransaction.requiringNew().run(() -> {
            Grading grading = Grading.find("submission.id", id).firstResult();
            grading.status = Grading.Status.DONE;
            grading.score = 0.0;
            grading.maxScore = 100.0;
            TestResult hidden = new TestResult();
            hidden.grading = grading;
            hidden.testId = "CounterRaceTest#noLostUpdatesUnderContention";
            hidden.displayName = "noLostUpdatesUnderContention()";
            hidden.status = GradeReport.Status.FAILED;
            hidden.maxPoints = 80;
            hidden.output = "printed-by-hidden-test";
            hidden.persist();
        });

        // Still open: the hidden tests stay hidden, whatever the assignment says about later.
        assertHidden(id);
        // Ended, but the assignment does not reveal them.
        reveal(ended, false);
        assertHidden(id);
        // Ended, and it reveals them: sources on the page and in the API, and what they printed.
        reveal(ended, true);
        assertThat(BrowserSession.login("rv-sue", "rv-sue-password").get("/exercises/race-counter").asString())
                .contains("id=\"revealed-tests\"", "Contention.hammer");
        as("rv-sue").get("/api/exercises/race-counter").then().statusCode(200)
                .body("revealedTests.'CounterRaceTest.java'", containsString("Contention.hammer"));
        as("rv-sue").get("/api/submissions/" + id).then().statusCode(200)
                .body("tests.find { it.id == 'CounterRaceTest#noLostUpdatesUnderContention' }.output",
                        equalTo("printed-by-hidden-test"));
        instructor().contentType(ContentType.JSON).body(Map.of("revealHiddenTests", true))
                .put("/api/courses/rv-course/assignments/start-join").then().statusCode(400)
                .body("error", containsString("it needs a deadline"));
    }

    private static void reveal(Instant due, boolean reveal) {
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", due.toString(), "revealHiddenTests", reveal))
                .put("/api/courses/rv-course/assignments/race-counter").then().statusCode(200)
                .body("revealHiddenTests", equalTo(reveal));
    }

    private static void assertHidden(long submission) {
        assertThat(BrowserSession.login("rv-sue", "rv-sue-password").get("/exercises/race-counter").asString())
                .doesNotContain("revealed-tests", "Contention.hammer");
        as("rv-sue").get("/api/exercises/race-counter").then().statusCode(200).body("revealedTests", equalTo(null));
        as("rv-sue").get("/api/submissions/" + submission).then().statusCode(200)
                .body("tests.find { it.id == 'CounterRaceTest#noLostUpdatesUnderContention' }.output", equalTo(null));
    }

    private static long submit(String student) {
        return as(student).contentType(ContentType.JSON).body(COUNTER).post("/api/exercises/race-counter/submissions")
                .then().statusCode(202).extract().jsonPath().getLong("id");
    }

    /** No workers in this profile: the grading is finished by hand, as a worker would store a full score. */
    private static void fullMarks(long submission) {
        QuarkusTransaction.requiringNew().run(() -> Grading.update("status = ?1, score = 100.0, maxScore = 100.0, "
                + "finishedAt = ?2 where submission.id = ?3", Grading.Status.DONE, Instant.now(), submission));
    }
}
