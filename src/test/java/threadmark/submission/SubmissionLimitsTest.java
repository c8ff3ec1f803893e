package threadmark.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The limits a student meets: how much one submission may hold and how often they may submit. */
@QuarkusTest
@TestProfile(SubmissionLimitsTest.TightLimits.class)
class SubmissionLimitsTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("threadmark.grading.enabled", "false", "threadmark.submissions.rate-limit", "3",
                    "threadmark.submissions.rate-window", "1h", "threadmark.submissions.max-bytes", "10240");
        }
    }

    private static final String SOURCE = "public class Counter { public void increment() {} public long get() { return 0; } }";

    private static void createStudent(String name) {
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", name + "-password", "role", "STUDENT"))
                .post("/api/users").then().statusCode(anyOf(equalTo(201), equalTo(409)));
    }

    private static Response submit(String student, String source) {
        return given().auth().preemptive().basic(student, student + "-password").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("Counter.java", source)))
                .post("/api/exercises/race-counter/submissions");
    }

    private static int count(String student) {
        return given().auth().preemptive().basic(student, student + "-password")
                .get("/api/exercises/race-counter/submissions").then().extract().jsonPath().getList("id").size();
    }

    @Test
    void aStudentWhoSubmitsTooOftenIsToldWhenToTryAgain() {
        createStudent("frank");
        for (int i = 0; i < 3; i++) {
            submit("frank", SOURCE).then().statusCode(202);
        }
        Response refused = submit("frank", SOURCE);
        refused.then().statusCode(429).body("error", containsString("you sent 3 submissions in the last 3600 s"))
                .body("error", containsString("try again in"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3500L, 3601L);
        assertThat(count("frank")).isEqualTo(3);
        // Staff are not limited.
        for (int i = 0; i < 4; i++) {
            given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                    .body(Map.of("files", Map.of("Counter.java", SOURCE)))
                    .post("/api/exercises/race-counter/submissions").then().statusCode(202);
        }
    }

    @Test
    void theRateLimitHoldsForConcurrentSubmissionsToo() throws Exception {
        createStudent("grace");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> submit("grace", SOURCE).statusCode()));
            }
            long accepted = 0;
            for (var result : results) {
                accepted += result.get() == 202 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(3);
        }
        assertThat(count("grace")).isEqualTo(3);
    }

    @Test
    void anOversizedSubmissionIsRefusedWithItsSizeAndTheLimit() {
        createStudent("heidi");
        submit("heidi", SOURCE + "//" + "x".repeat(12_000)).then().statusCode(413)
                .body("error", equalTo("the submission is 11.8 KB; at most 10.0 KB are allowed. Remove unused code or large comments."));
        assertThat(count("heidi")).isZero();
    }

    @Test
    void theExercisePageKeepsTheCodeWhenASubmissionIsRefused() {
        createStudent("ivan");
        var session = threadmark.web.BrowserSession.login("ivan", "ivan-password");
        session.get("/exercises/race-counter");
        String token = session.formToken;
        String tooLong = "public class Counter { /* my careful work */ }\n//" + "y".repeat(12_000);
        Response refused = session.postForm("/exercises/race-counter/submissions",
                Map.of("file", "Counter.java", "source", tooLong, "csrf-token", token));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.asString()).contains("id=\"submit-error\"", "at most 10.0 KB", "/* my careful work */");
        assertThat(count("ivan")).isZero();
    }
}
