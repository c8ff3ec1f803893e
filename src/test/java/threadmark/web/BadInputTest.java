package threadmark.web;

import threadmark.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/**
 * Bad input on every JSON endpoint of the API: too large, not JSON, the wrong shape or type, the wrong Content-Type,
 * things that do not exist. Each is a 4xx whose JSON body says what to change, and nothing is stored.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class BadInputTest {

    private static final String STUDENT = "olga";
    private static final String COURSE = "bad-input-course";
    private static final String SOURCE = "public class Counter { public void increment() {} public long get() { return 0; } }";

    /** An endpoint that reads a JSON body, and a user who may call it. */
    private record Endpoint(String method, String path, String user) {
        Response send(String contentType, byte[] body) {
            RequestSpecification request = as(user).contentType(contentType);
            if (body != null) {
                request = request.body(body);
            }
            return request.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Endpoint> JSON_ENDPOINTS = List.of(
            new Endpoint("POST", "/api/exercises/race-counter/submissions", STUDENT),
            new Endpoint("POST", "/api/users", "instructor"),
            new Endpoint("POST", "/api/courses", "instructor"),
            new Endpoint("PATCH", "/api/courses/" + COURSE, "instructor"),
            new Endpoint("POST", "/api/courses/" + COURSE + "/students", "instructor"),
            new Endpoint("PUT", "/api/courses/" + COURSE + "/assignments/race-counter", "instructor"),
            new Endpoint("POST", "/api/exercises/imports", "instructor"));

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user.equals("instructor") ? "instructor" : user + "-password");
    }

    @BeforeEach
    void createStudentAndCourse() {
        Api.student(STUDENT);
        as("instructor").contentType(ContentType.JSON).body(Map.of("slug", COURSE, "title", "Bad input"))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
    }

    private static int submissionCount() {
        return as(STUDENT).get("/api/exercises/race-counter/submissions").then().statusCode(200)
                .extract().jsonPath().getList("id").size();
    }

    /** A JSON {@link ApiError} with this status, a sentence containing {@code expected}, and nothing internal. */
    private static void assertApiError(SoftAssertions softly, String what, Response response, int status,
                                       String expected) {
        softly.assertThat(response.statusCode()).as(what + ": status").isEqualTo(status);
        softly.assertThat(response.contentType()).as(what + ": content type").startsWith("application/json");
        String body = response.asString();
        if (!response.contentType().startsWith("application/json")) {
            return;
        }
        softly.assertThat(response.jsonPath().getInt("status")).as(what + ": status in body").isEqualTo(status);
        String error = response.jsonPath().getString("error");
        softly.assertThat(error).as(what + ": error").isNotBlank().containsIgnoringCase(expected).hasSizeLessThan(300);
        softly.assertThat(body).as(what + ": no internals")
                .doesNotContain("Exception", "threadmark.", "java.", "jakarta.", "\tat ", "[Source:", "REDACTED");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedJsonIsA400SayingWhatIsWrongOnEveryEndpoint() {
        List<Map.Entry<String, byte[]>> bodies = new ArrayList<>();
        bodies.add(Map.entry("not valid JSON", utf8("{\"files\": {\"Counter.java\": ")));
        bodies.add(Map.entry("not valid JSON", utf8("{'files': 1}")));
        bodies.add(Map.entry("not valid JSON", utf8("{\"title\": \"x\",}")));
        bodies.add(Map.entry("a JSON object", utf8("[{\"files\": {}}]")));
        bodies.add(Map.entry("a JSON object", utf8("\"Counter.java\"")));
        bodies.add(Map.entry("a JSON object", utf8("42")));
        bodies.add(Map.entry("request body is empty", utf8("null")));
        bodies.add(Map.entry("request body is empty", new byte[0]));
        bodies.add(Map.entry("Unrecognized token 'aaaa", utf8("{\"a\": " + "a".repeat(2_000) + "}")));
        bodies.add(Map.entry("Duplicate field 'x'", utf8("{\"x\": 1, \"x\": 2}")));
        bodies.add(Map.entry("nesting", utf8("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")));
        bodies.add(Map.entry("invalid UTF-8", new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}));
        int before = submissionCount();
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : JSON_ENDPOINTS) {
            for (Map.Entry<String, byte[]> body : bodies) {
                assertApiError(softly, endpoint + " with " + abbreviate(body.getValue()),
                        endpoint.send("application/json", body.getValue()), 400, body.getKey());
            }
        }
        softly.assertAll();
        assertThat(submissionCount()).isEqualTo(before);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithWhatItShouldBe() {
        record Case(Endpoint endpoint, String body, String expected) {
        }
        Endpoint submissions = JSON_ENDPOINTS.get(0);
        Endpoint users = JSON_ENDPOINTS.get(1);
        Endpoint courses = JSON_ENDPOINTS.get(2);
        Endpoint students = JSON_ENDPOINTS.get(4);
        Endpoint assignments = JSON_ENDPOINTS.get(5);
        Endpoint imports = JSON_ENDPOINTS.get(6);
        List<Case> cases = List.of(
                new Case(submissions, "{\"files\": \"Counter.java\"}", "files: expected a JSON object"),
                new Case(submissions, "{\"files\": [\"Counter.java\"]}", "files: expected a JSON object"),
                new Case(submissions, "{\"files\": {\"Counter.java\": {\"source\": \"x\"}}}",
                        "files.Counter.java: expected a string"),
                new Case(users, "{\"username\": \"zed\", \"password\": \"zed-password\", \"role\": \"TEACHER\"}",
                        "role: expected one of STUDENT, INSTRUCTOR, ADMIN"),
                new Case(users, "{\"username\": [\"zed\"], \"password\": \"zed-password\", \"role\": \"STUDENT\"}",
                        "username: expected a string"),
                new Case(courses, "{\"slug\": \"odd-course\", \"title\": \"Odd\", \"counting\": \"SOMETIMES\"}",
                        "counting: expected one of BEST, LAST"),
                new Case(students, "{\"username\": {\"first\": \"zed\"}}", "username: expected a string"),
                new Case(assignments, "{\"dueAt\": \"next friday\"}",
                        "dueAt: expected a date and time such as 2030-01-31T23:59:00Z"),
                new Case(assignments, "{\"latePenaltyPerDay\": \"lots\"}", "latePenaltyPerDay: expected a number"),
                new Case(assignments, "{\"position\": 99999999999}", "position: expected a whole number"),
                new Case(assignments, "{\"position\": 1.5}", "position: expected a whole number"),
                new Case(imports, "{\"folder\": {\"path\": \"x\"}}", "folder: expected a string"));
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            assertApiError(softly, c.endpoint() + " with " + c.body(), c.endpoint().send("application/json", utf8(c.body())),
                    400, c.expected());
        }
        softly.assertAll();
        as("instructor").get("/api/courses/odd-course").then().statusCode(404);
        as("instructor").get("/api/courses/" + COURSE).then().statusCode(200).body("assignments", org.hamcrest.Matchers.empty());
    }

    @Test
    void aBodyThatIsNotJsonIsA415SayingToSendJson() {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : JSON_ENDPOINTS) {
            for (String type : List.of("text/plain", "application/xml", "application/octet-stream")) {
                assertApiError(softly, endpoint + " as " + type, endpoint.send(type, utf8("{\"files\": {}}")), 415,
                        "Content-Type: application/json");
            }
        }
        softly.assertAll();
    }

    @Test
    void aBodyOverTheServersLimitIsA413WithAMessage() throws IOException {
        int before = submissionCount();
        RawResponse submission = postHeadersOnly("/api/exercises/race-counter/submissions", STUDENT, "application/json",
                3 * 1024 * 1024);
        assertThat(submission.status()).isEqualTo(413);
        assertThat(submission.headers()).containsIgnoringCase("content-type: application/json");
        assertThat(submission.body()).contains("\"status\":413")
                .contains("the request body is 3.0 MB; this server accepts at most 2.0 MB per request");
        RawResponse zip = postHeadersOnly("/api/exercises", "instructor", "application/zip", 50L * 1024 * 1024 * 1024);
        assertThat(zip.status()).isEqualTo(413);
        assertThat(zip.body()).contains("the request body is 51200.0 MB");
        assertThat(submissionCount()).isEqualTo(before);
    }

    @Test
    void aBodyJustUnderTheServersLimitReachesTheSubmissionRules() {
        String source = SOURCE + "//" + "x".repeat(1_900_000);
        as(STUDENT).contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", source)))
                .post("/api/exercises/race-counter/submissions").then().statusCode(413)
                .body("error", org.hamcrest.Matchers.containsString("at most 200.0 KB are allowed"));
    }

    @Test
    void unknownExercisesSubmissionsCoursesAndRoutesAreA404WithASentence() {
        List<Map.Entry<String, Response>> calls = new ArrayList<>();
        calls.add(Map.entry("no exercise 'no-such-exercise'", as(STUDENT).get("/api/exercises/no-such-exercise")));
        calls.add(Map.entry("no exercise 'no-such-exercise'", as(STUDENT).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("Counter.java", SOURCE))).post("/api/exercises/no-such-exercise/submissions")));
        calls.add(Map.entry("no submission 987654321", as(STUDENT).get("/api/submissions/987654321")));
        calls.add(Map.entry("no submission -1", as(STUDENT).get("/api/submissions/-1")));
        calls.add(Map.entry("nothing at GET /api/submissions/abc", as(STUDENT).get("/api/submissions/abc")));
        calls.add(Map.entry("nothing at GET /api/submissions/99999999999999999999", as(STUDENT).get("/api/submissions/99999999999999999999")));
        calls.add(Map.entry("no submission 987654322", as("instructor").contentType(ContentType.JSON)
                .post("/api/submissions/987654322/regrades")));
        calls.add(Map.entry("no exercise 'no-such-regrade'", as("instructor").contentType(ContentType.JSON)
                .post("/api/exercises/no-such-regrade/regrades")));
        calls.add(Map.entry("no user 'nobody-at-all'", as("instructor").contentType(ContentType.JSON)
                .post("/api/exercises/race-counter/regrades?student=nobody-at-all")));
        calls.add(Map.entry("no course 'no-such-course'", as("instructor").get("/api/courses/no-such-course")));
        calls.add(Map.entry("no course 'no-such-course2'", as("instructor").contentType(ContentType.JSON)
                .body(Map.of("title", "x")).patch("/api/courses/no-such-course2")));
        calls.add(Map.entry("no course 'no-such-course3'", as("instructor").contentType(ContentType.JSON)
                .body(Map.of("dueAt", "2030-01-01T00:00:00Z")).put("/api/courses/no-such-course3/assignments/race-counter")));
        calls.add(Map.entry("no exercise 'no-such-assigned'", as("instructor").contentType(ContentType.JSON)
                .body(Map.of("dueAt", "2030-01-01T00:00:00Z")).put("/api/courses/" + COURSE + "/assignments/no-such-assigned")));
        calls.add(Map.entry("'race-counter' is not assigned in '" + COURSE + "'", as("instructor")
                .delete("/api/courses/" + COURSE + "/assignments/race-counter")));
        calls.add(Map.entry("no user 'nobody-enrolled'", as("instructor").delete("/api/courses/" + COURSE + "/students/nobody-enrolled")));
        calls.add(Map.entry("no course 'no-such-course4'", as("instructor").contentType(ContentType.JSON)
                .body(Map.of("username", "zed")).post("/api/courses/no-such-course4/students")));
        calls.add(Map.entry("no course 'no-such-course5'", as("instructor").contentType("text/csv")
                .body("username\nzed\n").post("/api/courses/no-such-course5/roster")));
        calls.add(Map.entry("no course 'no-such-course6'", as("instructor").get("/api/courses/no-such-course6/gradebook")));
        calls.add(Map.entry("nothing at GET /api/no-such-thing", as(STUDENT).get("/api/no-such-thing")));
        SoftAssertions softly = new SoftAssertions();
        calls.forEach(call -> assertApiError(softly, call.getKey(), call.getValue(), 404, call.getKey()));
        assertApiError(softly, "DELETE /api/users", as("instructor").delete("/api/users"), 405, "DELETE");
        softly.assertAll();
    }

    @Test
    void aRosterThatIsNotUtf8IsRefusedNamingTheLineThroughTheApiAndThePage() {
        byte[] windows1252 = "username,display_name\nzoe,Zo\u00eb M\u00fcller\n".getBytes(StandardCharsets.ISO_8859_1);
        // RestAssured would add "; charset=ISO-8859-1" to a bare text/csv.
        as("instructor").config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/csv").body(windows1252).post("/api/courses/" + COURSE + "/roster").then()
                .statusCode(400).body("error", org.hamcrest.Matchers.containsString("line 2 is not UTF-8 text"));
        as("instructor").contentType("text/csv; charset=windows-1252").body(windows1252)
                .post("/api/courses/" + COURSE + "/roster").then().statusCode(200).body("enrolled", equalTo(1));
        as("instructor").get("/api/courses/" + COURSE).then().body("students.find { it.username == 'zoe' }.name",
                equalTo("Zo\u00eb M\u00fcller"));

        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        staff.get("/staff/courses/" + COURSE);
        Response page = given().cookies(staff.cookies).multiPart("roster", "roster.csv", windows1252, "text/csv")
                .multiPart("csrf-token", staff.formToken).post("/staff/courses/" + COURSE + "/roster");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("line 2 is not UTF-8 text");
    }

    private record RawResponse(int status, String headers, String body) {
    }

    /**
     * Sends only the request head, declaring {@code length} body bytes, and reads the answer: a server that checks
     * the declared length answers before the body, so this is how a careful client (Expect: 100-continue) meets it.
     */
    private static RawResponse postHeadersOnly(String path, String user, String contentType, long length)
            throws IOException {
        String password = user.equals("instructor") ? "instructor" : user + "-password";
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            String text = received.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), head, split < 0 ? "" : text.substring(split + 4));
        }
    }

    private static String abbreviate(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
