package threadmark.submission;

import threadmark.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Submissions with odd file names, too many files, bytes that are not UTF-8: refused with a sentence, nothing
 * stored, and the refusal does not count against the student's rate limit.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class BadSubmissionInputTest {

    @Inject
    SubmissionsConfig limits;

    private static final String SOURCE = "public class Counter { public void increment() {} public long get() { return 0; } }";
    private static final String URL = "/api/exercises/race-counter/submissions";

    private static void createStudent(String name) {
        Api.student(name);
    }

    private static RequestSpecification as(String student) {
        return given().auth().preemptive().basic(student, student + "-password");
    }

    private static Response submit(String student, Map<String, String> files) {
        return as(student).contentType(ContentType.JSON).body(Map.of("files", files)).post(URL);
    }

    private static int count(String student) {
        return as(student).get(URL).then().statusCode(200).extract().jsonPath().getList("id").size();
    }

    /** Counter.java as it should be, and one more file under {@code name}. */
    private static Map<String, String> withExtra(String name) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Counter.java", SOURCE);
        files.put(name, "class Extra {}");
        return files;
    }

    @Test
    void fileNamesThatAreNotPlainJavaFileNamesAreRefusedAndNothingIsStored() {
        createStudent("pavel");
        List<String> names = List.of("../Evil.java", "/etc/passwd", "a/b.java", "a\\b.java", "C:Evil.java",
                "Counter.java\u0000.txt", "Evil.java\u0000", "Counter.txt", "Counter", ".java", "Counter.JAVA",
                " Evil.java", "Evil.java ", "Evil.java\n", "1Evil.java", "Ev il.java", "Счётчик.java", "",
                "E".repeat(10_000) + ".java");
        SoftAssertions softly = new SoftAssertions();
        for (String name : names) {
            Response refused = submit("pavel", withExtra(name));
            String what = "'" + (name.length() > 30 ? name.substring(0, 30) + "…" : name) + "'";
            softly.assertThat(refused.statusCode()).as(what).isEqualTo(400);
            String error = refused.jsonPath().getString("error");
            softly.assertThat(error).as(what).contains("is not allowed: use a plain Java file name such as Counter.java")
                    .hasSizeLessThan(250).doesNotContain("\u0000");
        }
        softly.assertAll();
        assertThat(count("pavel")).isZero();
    }

    @Test
    void aSubmissionWithoutTheExercisesFileIsRefusedNamingIt() {
        createStudent("quinn");
        submit("quinn", Map.of("Evil.java", SOURCE)).then().statusCode(400)
                .body("error", equalTo("the submission lacks Counter.java; this exercise expects Counter.java"));
        submit("quinn", Map.of()).then().statusCode(400)
                .body("error", containsString("the submission has no files; send {\"files\": {\"Counter.java\""));
        Map<String, String> noContent = new LinkedHashMap<>();
        noContent.put("Counter.java", null);
        submit("quinn", noContent).then().statusCode(400).body("error", equalTo("file 'Counter.java' has no content"));
        assertThat(count("quinn")).isZero();
        // A helper class beside the exercise's file is allowed: that is what max-files is for.
        submit("quinn", withExtra("CounterHelper.java")).then().statusCode(202);
        assertThat(as("quinn").get(URL + "?files=true").then().extract().jsonPath().getMap("[0].files"))
                .containsOnlyKeys("Counter.java", "CounterHelper.java");
    }

    @Test
    void tooManyFilesAreRefusedWithTheLimit() {
        createStudent("rosa");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Counter.java", SOURCE);
        for (int i = 0; i < 20; i++) {
            files.put("Helper" + i + ".java", "class Helper" + i + " {}");
        }
        submit("rosa", files).then().statusCode(400).body("error", equalTo("at most 20 files per submission, got 21"));
        for (int i = 20; i < 10_000; i++) {
            files.put("Helper" + i + ".java", "");
        }
        submit("rosa", files).then().statusCode(400).body("error", equalTo("at most 20 files per submission, got 10001"));
        assertThat(count("rosa")).isZero();
    }

    @Test
    void manyFilesUnderTheLimitEachButOverItTogetherAreA413() {
        createStudent("sami");
        Map<String, String> files = withExtra("Padding.java");
        int half = limits.maxBytes() / 2 + 100;
        files.put("Padding.java", "class Padding {}\n//" + "p".repeat(half));
        files.put("Counter.java", SOURCE + "\n//" + "c".repeat(half));
        submit("sami", files).then().statusCode(413).body("error", containsString("KB are allowed"));
        assertThat(count("sami")).isZero();
    }

    @Test
    void sourceThatIsNotUnicodeTextIsRefusedThroughTheApi() {
        createStudent("tomas");
        byte[] latin1 = ("{\"files\": {\"Counter.java\": \"// Gr\u00fc\u00dfe\\n" + SOURCE + "\"}}")
                .getBytes(StandardCharsets.ISO_8859_1);
        as("tomas").contentType("application/json; charset=ISO-8859-1").body(latin1).post(URL).then().statusCode(400)
                .body("error", containsString("Invalid UTF-8"));
        // JSON can carry half of a surrogate pair, which no UTF-8 text (and so no stored file) can hold.
        as("tomas").contentType(ContentType.JSON)
                .body("{\"files\": {\"Counter.java\": \"// \\ud800 \\n" + SOURCE + "\"}}").post(URL).then().statusCode(400)
                .body("error", equalTo("file 'Counter.java' is not valid Unicode text (a lone surrogate on line 1)"));
        submit("tomas", Map.of("Counter.java", "// \u0000\n" + SOURCE)).then().statusCode(400)
                .body("error", containsString("contains a NUL character"));
        assertThat(count("tomas")).isZero();
    }

    @Test
    void bytesThatAreNotUtf8InThePageFormAreStoredAsReplacementCharactersNeverA500() throws Exception {
        createStudent("ursula");
        var session = threadmark.web.BrowserSession.login("ursula", "ursula-password");
        session.get("/exercises/race-counter");
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("csrf-token=" + session.formToken + "&file=Counter.java&source=").getBytes(StandardCharsets.US_ASCII));
        form.writeBytes("%2F%2F%FF%FE".getBytes(StandardCharsets.US_ASCII));
        form.write(0xE9);
        form.writeBytes(("%0A" + java.net.URLEncoder.encode(SOURCE, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
        // RestAssured re-encodes form bodies; the JDK client sends these bytes as they are.
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/exercises/race-counter/submissions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", session.cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build();
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(post, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        String stored = as("ursula").get(URL + "?files=true").then().statusCode(200).extract().jsonPath()
                .getString("[0].files.'Counter.java'");
        assertThat(stored).startsWith("//\uFFFD").endsWith(SOURCE);
    }

    @Test
    void refusedSubmissionsDoNotCountAgainstTheRateLimit() {
        createStudent("vera");
        for (int i = 0; i < 5; i++) {
            submit("vera", withExtra("../Evil" + i + ".java")).then().statusCode(400);
            as("vera").contentType(ContentType.JSON).body("{\"files\": ").post(URL).then().statusCode(400);
            submit("vera", Map.of("Counter.java", SOURCE + "//" + "x".repeat(limits.maxBytes()))).then().statusCode(413);
        }
        for (int i = 0; i < limits.rateLimit(); i++) {
            submit("vera", Map.of("Counter.java", SOURCE)).then().statusCode(202);
        }
        submit("vera", Map.of("Counter.java", SOURCE)).then().statusCode(429);
        assertThat(count("vera")).isEqualTo(limits.rateLimit());
    }
}
