package threadmark.exercise;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static threadmark.exercise.ExerciseZips.probe;
import static threadmark.exercise.ExerciseZips.withDeclaredSizes;
import static threadmark.exercise.ExerciseZips.withSymlink;
import static threadmark.exercise.ExerciseZips.zip;

/**
 * Malicious and broken exercise zips that {@link ExerciseUploadTest} does not try: each is refused with a 4xx
 * saying why before anything is read as an exercise, so none is published and the sandbox is never needed.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class BadExerciseZipTest {

    private static RequestSpecification instructor() {
        return given().auth().preemptive().basic("instructor", "instructor");
    }

    private static Response upload(byte[] zip) {
        return instructor().contentType("application/zip").body(zip).post("/api/exercises");
    }

    private static void assertNotPublished(String slug) {
        instructor().get("/api/exercises/" + slug).then().statusCode(404);
    }

    @Test
    void aZipWhoseDeclaredSizesLieIsMeasuredWhileInflating() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(Map.of("bad-lying-bomb/big.txt", new byte[6 * 1024 * 1024]));
        byte[] bomb = withDeclaredSizes(zip(files), 100);
        assertThat(bomb.length).isLessThan(20_000);
        upload(bomb).then().statusCode(400).body("status", equalTo(400))
                .body("error", equalTo("the zip inflates to more than 4 MB; an exercise folder is sources and text"));
        assertNotPublished("bad-lying-bomb");

        byte[] smallLie = withDeclaredSizes(zip(probe("bad-lying-small", Map.of("notes.txt", "n".repeat(1000)))), 10);
        upload(smallLie).then().statusCode(400)
                .body("error", containsString("not a readable zip: invalid entry size (expected 10 but got"));
        assertNotPublished("bad-lying-small");
    }

    @Test
    void manyEntriesThatTogetherInflatePastTheLimitAreRefused() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            files.put("bad-many-bombs/part" + i + ".txt", new byte[512 * 1024]);
        }
        upload(zip(files)).then().statusCode(400).body("error", containsString("inflates to more than 4 MB"));
        assertNotPublished("bad-many-bombs");
    }

    @Test
    void thousandsOfEntriesAreRefused() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            files.put("bad-crowd/f" + i, new byte[0]);
        }
        upload(zip(files)).then().statusCode(400).body("error", equalTo("the zip has more than 500 entries"));
        assertNotPublished("bad-crowd");
    }

    @Test
    void aSymbolicLinkEntryIsRefusedNamingIt() throws IOException {
        Map<String, byte[]> files = probe("bad-symlink", Map.of());
        files.put("bad-symlink/prompt.md", "/etc/passwd".getBytes(StandardCharsets.UTF_8));
        upload(withSymlink(zip(files), "bad-symlink/prompt.md")).then().statusCode(400)
                .body("error", equalTo("'bad-symlink/prompt.md' is a symbolic link: zip the files themselves (zip -r without -y)"));
        assertNotPublished("bad-symlink");
    }

    @Test
    void entryNamesThatAreNotPlainRelativePathsAreRefused() throws IOException {
        Map<String, String> names = Map.of(
                "bad-names\\..\\..\\evil.txt", "not a relative path",
                "C:/Windows/evil.txt", "not a relative path",
                "bad-names/./x.txt", "would be written outside the exercise folder",
                "bad-names/a\u0000b.txt", "may use letters, digits",
                "bad-names/" + "n".repeat(200) + ".txt", "at most 100 characters",
                "bad-names/sp ace.txt", "may use letters, digits");
        for (var name : names.entrySet()) {
            Map<String, byte[]> files = probe("bad-names", Map.of());
            files.put(name.getKey(), "x".getBytes(StandardCharsets.UTF_8));
            upload(zip(files)).then().statusCode(400).body("error", containsString(name.getValue()))
                    .body("error.length()", org.hamcrest.Matchers.lessThan(200));
        }
        assertNotPublished("bad-names");
    }

    @Test
    void bodiesThatAreNotAWholeZipAreRefused() throws IOException {
        byte[] whole = zip(probe("bad-truncated", Map.of()));
        upload(Arrays.copyOf(whole, whole.length / 2)).then().statusCode(400)
                .body("error", containsString("not a readable zip"));
        assertNotPublished("bad-truncated");
        upload(new byte[0]).then().statusCode(400)
                .body("error", equalTo("send the exercise folder as a zip body (Content-Type: application/zip)"));
        instructor().contentType("application/zip").post("/api/exercises").then().statusCode(400)
                .body("error", containsString("send the exercise folder as a zip body"));
        upload(zip(Map.of())).then().statusCode(400).body("error", containsString("the zip is empty"));
        upload(new byte[] {'P', 'K', 3, 4, 0, 0}).then().statusCode(400).body("error", containsString("zip"));
        instructor().contentType("application/json").body("{\"folder\": \"x\"}").post("/api/exercises").then()
                .statusCode(415).body("error", containsString("application/zip"));
        instructor().contentType("multipart/form-data").multiPart("zip", "x.zip", whole, "application/zip")
                .post("/api/exercises").then().statusCode(415).body("error", containsString("application/zip"));
    }
}
