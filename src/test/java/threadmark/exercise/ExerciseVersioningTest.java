package threadmark.exercise;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFolderReader;
import threadmark.format.ExerciseScaffold;
import threadmark.format.TestBundle;
import threadmark.format.TestCompiler;
import threadmark.sandbox.Sandbox;
import threadmark.submission.QueueOnlyProfile;
import threadmark.submission.Submission;
import threadmark.testing.Api;
import threadmark.web.BrowserSession;
import threadmark.user.Role;
import threadmark.user.User;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class ExerciseVersioningTest {

    @Inject
    ExerciseCatalog catalog;

    @Inject
    Sandbox sandbox;

    @Inject
    ExerciseVersions versions;

    /** Staff download a version's folder as it was written (solutions and hidden tests included); students cannot. */
    @Test
    void staffDownloadAnExercisesFolderToCopyAndAdaptIt() throws IOException {
        byte[] zip = Api.instructor().get("/api/exercises/race-counter/archive")
                .then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", containsString("race-counter-v")).extract().asByteArray();
        Map<String, String> entries = entries(zip);
        assertThat(entries.get("race-counter/exercise.yaml"))
                .isEqualTo(Files.readString(Path.of("exercises/race-counter/exercise.yaml")));
        assertThat(entries).containsKeys("race-counter/prompt.md", "race-counter/starter/Counter.java",
                "race-counter/tests/CounterRaceTest.java", "race-counter/solutions/reference/Counter.java",
                "race-counter/solutions/unsynchronized/Counter.java");

        Api.student("download-student");
        given().auth().preemptive().basic("download-student", "download-student-password")
                .get("/api/exercises/race-counter/archive").then().statusCode(403);
        Api.instructor().get("/api/exercises/no-such-exercise/archive").then().statusCode(404);
    }

    /** The upload page offers a template of every kind, the same folder `threadmark new` writes, and the docs. */
    @Test
    void theUploadPageOffersATemplateOfEveryKindAndTheCheckLibrarysReference() throws IOException {
        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        String page = staff.get("/staff/exercises").asString();
        assertThat(page).contains("/docs/check/threadmark.harness/threadmark/check/package-summary.html");
        for (String kind : ExerciseScaffold.KINDS.keySet()) {
            assertThat(page).contains("href=\"/staff/exercises/templates/" + kind + ".zip\"");
        }
        io.restassured.response.Response template = staff.get("/staff/exercises/templates/deadlock.zip");
        assertThat(template.statusCode()).isEqualTo(200);
        Map<String, String> entries = entries(template.asByteArray());
        assertThat(entries.get("my-deadlock/exercise.yaml")).startsWith("title: \"My deadlock\"");
        assertThat(entries).containsKeys("my-deadlock/pom.xml", "my-deadlock/solutions/lock-order-deadlock/Bank.java");
        assertThat(staff.get("/staff/exercises/templates/livelock.zip").statusCode()).isEqualTo(404);
    }

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /**
     * A changed folder becomes a draft beside the live version; once published it is what students get, an earlier
     * version can be published again, and every submission keeps the version it was made against.
     */
    @Test
    void aChangeIsADraftUntilPublishedAndOldSubmissionsKeepTheirVersion(@TempDir Path root) throws IOException {
        Path folder = copy(Path.of("exercises/race-counter"), root.resolve("versioned-counter"));
        ExerciseFolder first = new ExerciseFolderReader().read(folder);
        Exercise v1 = catalog.addVersion(first, TestBundle.pack(new TestCompiler(sandbox.bundle()).compile(first)));
        assertThat(v1.current).as("the first version has nothing to replace: it is live").isTrue();
        long submissionId = QuarkusTransaction.requiringNew().call(() -> {
            Submission submission = new Submission();
            submission.user = User.byUsername("versioning-student")
                    .orElseGet(() -> User.create("versioning-student", "secret-password", Role.STUDENT));
            submission.exercise = Exercise.findById(v1.id);
            submission.files = Map.of("Counter.java", "public class Counter {}");
            submission.persist();
            return submission.id;
        });

        Files.writeString(folder.resolve("prompt.md"), "# Changed prompt\n");
        ExerciseFolder second = new ExerciseFolderReader().read(folder);
        assertThat(second.contentHash()).isNotEqualTo(first.contentHash());
        Exercise v2 = catalog.addVersion(second, TestBundle.pack(new TestCompiler(sandbox.bundle()).compile(second)));

        assertThat(v2.version).isEqualTo(v1.version + 1);
        assertThat(v2.draft).isTrue();
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(Exercise.current("versioned-counter").orElseThrow().id).as("students keep v1").isEqualTo(v1.id);
            assertThat(Exercise.pendingDraft("versioned-counter").orElseThrow().id).isEqualTo(v2.id);
        });
        User admin = QuarkusTransaction.requiringNew().call(() -> User.byUsername("instructor").orElseThrow());

        versions.publish(admin, "versioned-counter", v2.version);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(Exercise.current("versioned-counter").orElseThrow().promptMarkdown).contains("Changed prompt");
            assertThat(Exercise.pendingDraft("versioned-counter")).isEmpty();
            Submission old = Submission.findById(submissionId);
            assertThat(old.exercise.id).isEqualTo(v1.id);
            assertThat(old.exercise.version).isEqualTo(1);
        });

        versions.publish(admin, "versioned-counter", v1.version);
        QuarkusTransaction.requiringNew().run(() ->
                assertThat(Exercise.current("versioned-counter").orElseThrow().id).as("rolled back").isEqualTo(v1.id));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }
}
