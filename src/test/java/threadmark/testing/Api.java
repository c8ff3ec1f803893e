package threadmark.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The REST API as tests use it: who asks, accounts made for a test, submissions, and waiting for their grades. In the
 * test profile the first account is {@code instructor}/{@code instructor}; accounts made here have the password
 * {@code <username>-password}.
 */
public final class Api {

    private static final Duration GRADED_WITHIN = Duration.ofSeconds(240);

    private Api() {
    }

    public static RequestSpecification instructor() {
        return as("instructor", "instructor");
    }

    /** A request as an account made by {@link #account}. */
    public static RequestSpecification as(String username) {
        return as(username, username + "-password");
    }

    public static RequestSpecification as(String username, String password) {
        return given().auth().preemptive().basic(username, password);
    }

    /** A student account, made unless it exists already; returns its username. */
    public static String student(String username) {
        return account(username, "STUDENT");
    }

    /** An account with this platform role (STUDENT, INSTRUCTOR, ADMIN), made unless it exists already. */
    public static String account(String username, String role) {
        instructor().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", username + "-password", "role", role))
                .post("/api/users").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        return username;
    }

    /** Submits as {@code username} (an account made here) and returns the submission's id. */
    public static long submit(String username, String slug, Map<String, String> files) {
        return as(username).contentType(ContentType.JSON).body(Map.of("files", files))
                .post("/api/exercises/" + slug + "/submissions").then().statusCode(202).body("status", equalTo("QUEUED"))
                .extract().jsonPath().getLong("id");
    }

    /** The submission once every grading of it has finished (DONE or ERROR), read by the instructor. */
    public static JsonPath awaitGraded(long id) throws InterruptedException {
        return awaitGradings(id, 1, instructor());
    }

    /** The same, read by {@code username} (an account made here): what that reader is shown. */
    public static JsonPath awaitGraded(long id, String username) throws InterruptedException {
        return awaitGradings(id, 1, as(username));
    }

    /**
     * The submission once it has {@code runs} gradings (a regrade adds one) and all have finished, read with
     * {@code reader}'s credentials (e.g. {@code Api.as(student)}, or an instructor whose password a profile sets).
     */
    public static JsonPath awaitGradings(long id, int runs, RequestSpecification reader) throws InterruptedException {
        long deadline = System.nanoTime() + GRADED_WITHIN.toNanos();
        JsonPath body = null;
        while (System.nanoTime() < deadline) {
            body = given().spec(reader).get("/api/submissions/" + id).then().statusCode(200).extract().jsonPath();
            List<String> statuses = body.getList("gradings.status");
            if (statuses.size() >= runs && statuses.stream().allMatch(s -> s.equals("DONE") || s.equals("ERROR"))) {
                return body;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("submission " + id + " did not have " + runs + " finished grading(s) within "
                + GRADED_WITHIN.toSeconds() + " s; last seen: " + (body == null ? "nothing" : body.prettify()));
    }
}
