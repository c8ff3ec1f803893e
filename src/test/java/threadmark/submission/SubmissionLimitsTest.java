package threadmark.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The limits a student meets: how much one submission may hold and how often they may submit. The limits are the
 * test configuration's, read from it, so this shares the queue-only server instead of starting one of its own.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class SubmissionLimitsTest {

    @Inject
    SubmissionsConfig limits;

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

    /** Source of exactly {@code bytes} bytes in UTF-8. */
    static String sourceOf(int bytes) {
        return SOURCE + "//" + "x".repeat(bytes - SOURCE.length() - 2);
    }

    @Test
    void aStudentWhoSubmitsTooOftenIsToldWhenToTryAgain() {
        createStudent("frank");
        int limit = limits.rateLimit();
        long window = limits.rateWindow().toSeconds();
        for (int i = 0; i < limit; i++) {
            submit("frank", SOURCE).then().statusCode(202);
        }
        Response refused = submit("frank", SOURCE);
        refused.then().statusCode(429)
                .body("error", containsString("you sent " + limit + " submissions in the last " + window + " s"))
                .body("error", containsString("try again in"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(window - 100, window + 1);
        assertThat(count("frank")).isEqualTo(limit);
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
        int limit = limits.rateLimit();
        for (int i = 0; i < limit - 3; i++) {
            submit("grace", SOURCE).then().statusCode(202);
        }
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
        assertThat(count("grace")).isEqualTo(limit);
    }

    @Test
    void anOversizedSubmissionIsRefusedWithItsSizeAndTheLimit() {
        createStudent("heidi");
        int max = limits.maxBytes();
        submit("heidi", sourceOf(max)).then().statusCode(202);
        submit("heidi", sourceOf(max + 1)).then().statusCode(413);
        submit("heidi", sourceOf(max + 2048)).then().statusCode(413).body("error", equalTo(String.format(Locale.ROOT,
                "the submission is %.1f KB; at most %.1f KB are allowed. Remove unused code or large comments.",
                (max + 2048) / 1024.0, max / 1024.0)));
        assertThat(count("heidi")).isOne();
    }

    @Test
    void theExercisePageKeepsTheCodeWhenASubmissionIsRefused() {
        createStudent("ivan");
        var session = threadmark.web.BrowserSession.login("ivan", "ivan-password");
        session.get("/exercises/race-counter");
        String token = session.formToken;
        String tooLong = "public class Counter { /* my careful work */ }\n//" + "y".repeat(limits.maxBytes());
        Response refused = session.postForm("/exercises/race-counter/submissions",
                Map.of("file", "Counter.java", "source", tooLong, "csrf-token", token));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.asString()).contains("id=\"submit-error\"", "KB are allowed", "/* my careful work */");
        assertThat(count("ivan")).isZero();
    }
}
