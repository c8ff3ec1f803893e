package threadmark.exercise;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.testing.Api;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static threadmark.exercise.ExerciseZips.probe;
import static threadmark.exercise.ExerciseZips.zip;

/** Instructors publish exercises as zips; each is checked and validated in the real sandbox before it goes live. */
@Tag("sandbox")
@QuarkusTest
class ExerciseUploadTest {

    @BeforeEach
    void createStudent() {
        Api.student("kim");
    }

    private static RequestSpecification instructor() {
        return Api.instructor();
    }

    private static io.restassured.response.Response upload(byte[] zip) {
        return instructor().contentType("application/zip").body(zip).post("/api/exercises");
    }

    @Test
    void anExerciseWhoseReferenceFailsIsRefusedWithTheReason() throws IOException {
        byte[] zip = zip(probe("uploaded-broken", Map.of("solutions/reference/Probe.java",
                "public class Probe { public static boolean first() { return true; } "
                        + "public static boolean second() { return false; } }")));
        upload(zip).then().statusCode(422)
                .body("published", equalTo(false))
                .body("solutions[0].solution", equalTo("reference"))
                .body("solutions[0].ok", equalTo(false))
                .body("solutions[0].problem", containsString("reference solution scored 50.0 of 100.0"));
        instructor().get("/api/exercises/uploaded-broken").then().statusCode(404);
    }

    @Test
    void aDryRunShowsEveryTestsFeedbackAndTheMarginAndPublishesNothing() throws IOException {
        String yaml = """
                title: Dry run probe
                files: [Probe.java]
                limits:
                  memory-mb: 256
                  cpus: 1
                  time-seconds: 12
                  test-timeout-seconds: 8
                tests:
                  - id: ProbeTest#first
                    points: 50
                  - id: ProbeTest#second
                    points: 50
                references: [reference]
                known-bad:
                  - folder: second-wrong
                    mistake: "second() returns false"
                    must-fail: [ProbeTest#first]
                """;
        byte[] zip = zip(probe("uploaded-dry-run", Map.of("exercise.yaml", yaml,
                "solutions/second-wrong/Probe.java", "public class Probe { public static boolean first() { return true; } "
                        + "public static boolean second() { return false; } }")));
        // Two validations of two solutions take longer than the default 30 s on a busy machine.
        instructor().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 600_000)))
                .contentType("application/zip").body(zip).queryParam("dry-run", true).queryParam("runs", 2)
                .post("/api/exercises").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("published", equalTo(false))
                .body("runs", equalTo(2))
                // The known-bad fails the other test than it says: refused, and the report says why and what it read.
                .body("problems[0]", containsString("known-bad second-wrong: known-bad solution passed ProbeTest#first"))
                .body("solutions.find { it.solution == 'second-wrong' }.tests.find { it.id == 'ProbeTest#second' }.feedback",
                        containsString("second() must return true"))
                .body("solutions.find { it.solution == 'reference' }.tests[0].millis", greaterThanOrEqualTo(0))
                .body("margins[0]", equalTo("second-wrong ProbeTest#first: caught 0/2"))
                .body("warnings[0]", containsString("known-bad second-wrong also fails ProbeTest#second"));
        instructor().get("/api/exercises/uploaded-dry-run").then().statusCode(404);
        instructor().contentType("application/zip").body(zip).queryParam("dry-run", true).queryParam("runs", 9)
                .post("/api/exercises").then().statusCode(400).body("error", containsString("1 to 5 times"));
    }

    @Test
    void pathsThatEscapeTheFolderAndOtherBadZipsAreRefused() throws IOException {
        upload(zip(probe("uploaded-escape", Map.of("../../etc/passwd", "root:x:0:0")))).then().statusCode(400)
                .body("error", containsString("'../../etc/passwd' would be written outside the exercise folder"));
        upload(zip(Map.of("uploaded-abs/exercise.yaml", "x".getBytes(), "/etc/cron.d/evil", "x".getBytes())))
                .then().statusCode(400).body("error", containsString("not a relative path"));
        upload(zip(Map.of("one/exercise.yaml", "x".getBytes(), "two/exercise.yaml", "x".getBytes())))
                .then().statusCode(400).body("error", containsString("exactly one folder"));
        upload("this is not a zip".getBytes()).then().statusCode(400).body("error", containsString("empty"));
        byte[] bomb = zip(Map.of("uploaded-bomb/big.txt", new byte[5 * 1024 * 1024]));
        upload(bomb).then().statusCode(400).body("error", containsString("inflates to more than 4 MB"));
        upload(zip(probe("uploaded-bad-yaml", Map.of("exercise.yaml", "title: [unclosed"))))
                .then().statusCode(422).body("problems[0]", containsString("exercise.yaml"));
        upload(zip(probe("race-counter", Map.of()))).then().statusCode(400)
                .body("error", containsString("kept in the server's exercises folder"));
        given().auth().preemptive().basic("kim", "kim-password").contentType("application/zip")
                .body(zip(probe("uploaded-by-student", Map.of()))).post("/api/exercises").then().statusCode(403);
    }

    @Test
    void aValidExerciseIsPublishedGradedAgainstAndRepublishedWithOldSubmissionsKeepingTheirVersion() throws Exception {
        upload(zip(probe("uploaded-probe", Map.of()))).then().statusCode(201)
                .header("Location", containsString("/api/exercises/uploaded-probe"))
                .body("published", equalTo(true)).body("version", equalTo(1))
                .body("solutions.ok", hasItem(true));
        long first = submit();
        upload(zip(probe("uploaded-probe", Map.of("prompt.md", "# Probe, second edition\nNow with a clearer prompt.\n"))))
                .then().statusCode(201).body("version", equalTo(2)).body("live", equalTo(false));
        // A draft: students still get version 1, staff preview and try version 2, then publish it.
        Api.as("kim").get("/api/exercises/uploaded-probe?version=2").then().statusCode(200).body("version", equalTo(1))
                .body("prompt", not(containsString("second edition")));
        Api.as("kim").contentType(ContentType.JSON).body(Map.of("files", Map.of("Probe.java", ExerciseZips.probeReference())))
                .post("/api/exercises/uploaded-probe/submissions?version=2").then().statusCode(403);
        instructor().get("/api/exercises/uploaded-probe?version=2").then().body("prompt", containsString("second edition"));
        instructor().get("/api/exercises/uploaded-probe/versions").then().statusCode(200)
                .body("state", contains("DRAFT", "LIVE"));
        instructor().contentType(ContentType.JSON).body(Map.of("version", 2))
                .put("/api/exercises/uploaded-probe/live-version").then().statusCode(200).body("state", equalTo("LIVE"));
        Api.as("kim").get("/api/exercises/uploaded-probe").then().body("version", equalTo(2))
                .body("prompt", containsString("second edition"));
        instructor().contentType(ContentType.JSON).body(Map.of("version", 7))
                .put("/api/exercises/uploaded-probe/live-version").then().statusCode(404)
                .body("error", equalTo("exercise 'uploaded-probe' has no version 7"));
        Api.as("kim").contentType(ContentType.JSON).body(Map.of("version", 1))
                .put("/api/exercises/uploaded-probe/live-version").then().statusCode(403);
        long second = submit();
        JsonPath old = Api.awaitGradings(first, 1, Api.as("kim"));
        assertThat(List.of(old.getInt("exerciseVersion"), old.getInt("gradedVersion"))).containsExactly(1, 1);
        assertThat(old.getDouble("score")).isEqualTo(100.0);
        JsonPath current = Api.awaitGradings(second, 1, Api.as("kim"));
        assertThat(List.of(current.getInt("exerciseVersion"), current.getInt("gradedVersion"))).containsExactly(2, 2);

        // A regrade runs the old submission against the current version; it stays a version-1 submission.
        instructor().contentType(ContentType.JSON).post("/api/submissions/" + first + "/regrades").then().statusCode(202);
        JsonPath regraded = Api.awaitGradings(first, 2, Api.as("kim"));
        assertThat(List.of(regraded.getInt("exerciseVersion"), regraded.getInt("gradedVersion"))).containsExactly(1, 2);
        assertThat(regraded.getList("gradings.exerciseVersion", Integer.class)).containsExactly(1, 2);
    }

    @Test
    void aFolderOnTheServerIsPublishedOnlyFromInsideAnImportRoot() {
        instructor().contentType(ContentType.JSON).body(Map.of("folder", "src/test/resources/fixtures/probe"))
                .post("/api/exercises/imports").then().statusCode(201)
                .body("slug", equalTo("probe")).body("published", equalTo(true));
        instructor().get("/api/exercises/probe").then().statusCode(200).body("title", equalTo("Sandbox probe (test fixture)"));
        instructor().contentType(ContentType.JSON).body(Map.of("folder", "/etc"))
                .post("/api/exercises/imports").then().statusCode(403)
                .body("error", containsString("'/etc' is not inside an import folder"));
        instructor().contentType(ContentType.JSON).body(Map.of("folder", "src/test/resources/fixtures/../../../../src"))
                .post("/api/exercises/imports").then().statusCode(403);
        instructor().contentType(ContentType.JSON).body(Map.of("folder", "src/test/resources/fixtures"))
                .post("/api/exercises/imports").then().statusCode(403);
        instructor().contentType(ContentType.JSON).body(Map.of("folder", "src/test/resources/fixtures/nothing-here"))
                .post("/api/exercises/imports").then().statusCode(400).body("error", containsString("no folder"));
        given().auth().preemptive().basic("kim", "kim-password").contentType(ContentType.JSON)
                .body(Map.of("folder", "src/test/resources/fixtures/probe")).post("/api/exercises/imports")
                .then().statusCode(403);
    }

    @Test
    void staffUploadThroughThePageAndReadTheReport() throws IOException {
        byte[] good = zip(probe("uploaded-page-probe", Map.of()));
        threadmark.web.BrowserSession staff = threadmark.web.BrowserSession.login("instructor", "instructor");
        assertThat(staff.get("/staff/exercises").statusCode()).isEqualTo(200);
        given().cookies(staff.cookies).multiPart("zip", "probe.zip", good, "application/zip")
                .post("/staff/exercises").then().statusCode(400);
        given().cookies(staff.cookies).multiPart("zip", "probe.zip", good, "application/zip")
                .multiPart("csrf-token", staff.formToken).post("/staff/exercises").then().statusCode(201)
                .body(containsString("Published uploaded-page-probe as version 1."));
        byte[] broken = zip(probe("uploaded-page-broken", Map.of("solutions/reference/Probe.java",
                "public class Probe { public static boolean first() { return false; } "
                        + "public static boolean second() { return false; } }")));
        given().cookies(staff.cookies).multiPart("zip", "broken.zip", broken, "application/zip")
                .multiPart("csrf-token", staff.formToken).post("/staff/exercises").then().statusCode(422)
                .body(containsString("uploaded-page-broken was not published."))
                .body(containsString("reference solution scored 0.0 of 100.0"));
        threadmark.web.BrowserSession kim = threadmark.web.BrowserSession.login("kim", "kim-password");
        assertThat(kim.get("/staff/exercises").statusCode()).isEqualTo(403);
    }

    private static long submit() {
        return Api.submit("kim", "uploaded-probe", Map.of("Probe.java", "public class Probe { public static boolean "
                + "first() { return true; } public static boolean second() { return true; } }"));
    }
}
