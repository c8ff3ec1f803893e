package threadmark.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.testing.Api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static threadmark.testing.Api.as;
import static threadmark.testing.Api.awaitGraded;
import static threadmark.testing.Api.student;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The whole spine over HTTP: submit, queue, real sandbox, stored score, read back. */
@Tag("sandbox")
@QuarkusTest
class SubmissionApiTest {

    private static final Path RACE_COUNTER = Path.of("exercises/race-counter");

    @BeforeEach
    void createStudents() {
        student("alice");
        student("bob");
    }

    private static String source(String solution) throws IOException {
        return Files.readString(RACE_COUNTER.resolve("solutions").resolve(solution).resolve("Counter.java"));
    }

    private static long submit(String student, Map<String, String> files) {
        return Api.submit(student, "race-counter", files);
    }

    @Test
    void referenceSolutionScoresFullMarks() throws Exception {
        long id = submit("alice", Map.of("Counter.java", source("reference")));
        JsonPath result = awaitGraded(id, "alice");
        assertThat(result.getString("status")).isEqualTo("DONE");
        assertThat(result.getDouble("score")).isEqualTo(100.0);
        assertThat(result.getDouble("maxScore")).isEqualTo(100.0);
        assertThat(result.getList("tests.status")).containsOnly("PASSED").hasSize(3);
        assertThat(result.getMap("timings")).containsKeys("containerCreateMillis", "compileMillis", "testsMillis");
    }

    @Test
    void racyCounterLosesPointsAndTheFeedbackNamesTheRace() throws Exception {
        long id = submit("alice", Map.of("Counter.java", source("unsynchronized")));
        JsonPath result = awaitGraded(id, "alice");
        assertThat(result.getString("outcome")).isEqualTo("TESTED");
        assertThat(result.getDouble("score")).isLessThanOrEqualTo(40.0);
        Map<String, Object> race = result.getMap("tests.find { it.id == 'CounterRaceTest#noLostUpdatesUnderContention' }");
        assertThat(race.get("status")).isEqualTo("FAILED");
        assertThat((String) race.get("message")).contains("increments were lost").contains("two threads read the same value");
        assertThat((String) race.get("messageRu")).as("the same feedback for a Russian reader")
                .doesNotContain("increments were lost", "seen in trial").contains("AtomicLong.incrementAndGet()");
        assertThat(result.getString("summary")).contains("increments were lost");
    }

    @Test
    void compileErrorIsReportedWithFileAndLine() throws Exception {
        long id = submit("alice", Map.of("Counter.java", "public class Counter {\n  public void increment() { count++; }\n}\n"));
        JsonPath result = awaitGraded(id, "alice");
        assertThat(result.getString("outcome")).isEqualTo("COMPILE_FAILED");
        assertThat(result.getDouble("score")).isZero();
        assertThat(result.getString("compileErrors[0].file")).isEqualTo("Counter.java");
        assertThat(result.getInt("compileErrors[0].line")).isEqualTo(2);
    }

    @Test
    void systemExitInStudentCodeScoresZeroAndTheServerKeepsGrading() throws Exception {
        String exits = "public class Counter {\n static { System.exit(0); }\n public void increment() {}\n public long get() { return 0; }\n}\n";
        JsonPath hostile = awaitGraded(submit("bob", Map.of("Counter.java", exits)), "bob");
        assertThat(hostile.getString("outcome")).isEqualTo("ENDED_EARLY");
        assertThat(hostile.getDouble("score")).isZero();

        JsonPath next = awaitGraded(submit("bob", Map.of("Counter.java", source("reference-atomic"))), "bob");
        assertThat(next.getDouble("score")).isEqualTo(100.0);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void studentCannotReadAnotherStudentsSubmission() throws Exception {
        long id = submit("alice", Map.of("Counter.java", source("reference")));
        as("bob").get("/api/submissions/" + id).then().statusCode(403)
                .body("error", containsString("another student"));
        given().get("/api/submissions/" + id).then().statusCode(401);
        given().auth().preemptive().basic("instructor", "instructor").get("/api/submissions/" + id).then().statusCode(200);
    }

    @Test
    void badSubmissionsAreRefusedWithAReason() {
        as("alice").contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", "class Counter {}")))
                .post("/api/exercises/no-such-exercise/submissions")
                .then().statusCode(404).body("error", containsString("no exercise 'no-such-exercise'"));
        as("alice").contentType(ContentType.JSON).body(Map.of("files", Map.of("Other.java", "class Other {}")))
                .post("/api/exercises/race-counter/submissions")
                .then().statusCode(400).body("error", containsString("lacks Counter.java"));
        as("alice").contentType(ContentType.JSON).body(Map.of("files", Map.of("../../etc/Counter.java", "x")))
                .post("/api/exercises/race-counter/submissions")
                .then().statusCode(400).body("error", containsString("not allowed"));
        as("alice").contentType(ContentType.JSON).body(Map.of("files", Map.of("CounterRaceTest.java", "x", "Counter.java", "x")))
                .post("/api/exercises/race-counter/submissions")
                .then().statusCode(400).body("error", containsString("reserved"));
        as("alice").contentType(ContentType.JSON).body("{\"files\": {\"Counter.java\": ")
                .post("/api/exercises/race-counter/submissions")
                .then().statusCode(400).body("error", containsString("not valid JSON"));
        as("alice").contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", "x".repeat(300_000))))
                .post("/api/exercises/race-counter/submissions")
                .then().statusCode(413).body("error", containsString("at most 200.0 KB"));
        as("alice").get("/api/submissions/987654321").then().statusCode(404);
    }

    /**
     * Student code runs inside the hidden tests, so what it prints there can carry what a hidden test handed it: the
     * API shows it as the result page does (TestDisclosure), to staff only; a visible test's output stays visible.
     */
    @Test
    void whatAHiddenTestPrintedIsShownToStaffOnly() throws Exception {
        String chatty = source("reference").replace("public synchronized long get() {",
                "public synchronized long get() {\n        System.out.println(\"printed-by-get\");");
        long id = submit("alice", Map.of("Counter.java", chatty));
        JsonPath student = awaitGraded(id, "alice");
        assertThat(student.getDouble("score")).isEqualTo(100.0);
        String visible = "tests.find { it.id == 'CounterBasicsTest#startsAtZero' }.output";
        String hidden = "tests.find { it.id == 'CounterRaceTest#noLostUpdatesUnderContention' }.output";
        assertThat(student.getString(visible)).contains("printed-by-get");
        assertThat(student.getString(hidden)).isNull();
        assertThat(student.getString("output")).isNull();

        JsonPath listed = as("alice").get("/api/exercises/race-counter/submissions").then().statusCode(200)
                .extract().jsonPath();
        assertThat(listed.getString("find { it.id == " + id + " }." + hidden)).isNull();
        assertThat(listed.getString("find { it.id == " + id + " }." + visible)).contains("printed-by-get");

        JsonPath staff = given().auth().preemptive().basic("instructor", "instructor")
                .get("/api/submissions/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(staff.getString(hidden)).contains("printed-by-get");
    }

    @Test
    void exerciseDetailShowsVisibleTestsButNeverHiddenTestSource() {
        as("alice").get("/api/exercises").then().statusCode(200).body("slug", hasItem("race-counter"));
        as("alice").get("/api/exercises/race-counter").then().statusCode(200)
                .body("files", hasItem("Counter.java"))
                .body("starterFiles.'Counter.java'", containsString("count++"))
                .body("visibleTests.'CounterBasicsTest.java'", containsString("countsInOneThread"))
                .body(not(containsString("TRIAL_NANOS")))
                .body("tests.name", hasItem("noLostUpdatesUnderContention"));
    }
}
