package threadmark.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;
import threadmark.testing.Api;
import threadmark.web.BrowserSession;

/**
 * An edit of an exercise folder in the server's exercises folder goes live only once it passed the same pipeline as
 * an upload: a broken edit (a reference that no longer scores full marks, a format error) leaves the previous version
 * live for students, and staff read why on the exercises page; a good edit becomes a draft that staff publish.
 */
@Tag("sandbox")
@QuarkusTest
@TestProfile(ExerciseFolderGateTest.OwnFolder.class)
class ExerciseFolderGateTest {

    /** One copy per test JVM, whichever class loader reads this first (the profile's or the test's). */
    private static final Path FOLDER = Path.of(System.getProperties()
            .computeIfAbsent("threadmark.test.gate-folder", key -> copyOfProbe().toString()).toString());
    private static final Path EXERCISE = FOLDER.resolve("gate-probe");
    private static final Path REFERENCE = EXERCISE.resolve("solutions/reference/Probe.java");

    /** A folder of its own with one exercise, watched only when the test asks, and changes validated. */
    public static class OwnFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new QueueOnlyProfile().getConfigOverrides());
            config.put("threadmark.exercises.dir", FOLDER.toString());
            config.put("threadmark.exercises.validate-changes", "true");
            config.put("threadmark.exercises.watch-interval", "1h");
            return config;
        }
    }

    @Inject
    ExerciseCatalog catalog;

    @Test
    void aBrokenFolderEditStaysOffLineAndAGoodOneIsADraftUntilPublished() throws Exception {
        assertThat(awaitVersion(Duration.ofMinutes(3))).as("the folder validated and published at start").isEqualTo(1);
        String reference = Files.readString(REFERENCE);

        // The reference now fails both tests: the edit is refused, version 1 stays live.
        Files.copy(EXERCISE.resolve("starter/Probe.java"), REFERENCE, StandardCopyOption.REPLACE_EXISTING);
        catalog.sync();
        assertThat(liveVersion()).contains(1);
        ExerciseRefusal refusal = refusal().orElseThrow();
        assertThat(refusal.judged).isTrue();
        assertThat(refusal.problems).singleElement().asString().startsWith("reference reference: reference solution scored 0.0 of 100.0");
        Api.instructor().get("/api/exercises/gate-probe").then().statusCode(200);
        String page = BrowserSession.login("instructor", "instructor").get("/staff/exercises").asString();
        assertThat(page).contains("id=\"refused-gate-probe\"").contains("reference solution scored 0.0 of 100.0");

        // Looked at again unchanged: the refusal stands, nothing is validated again.
        catalog.sync();
        assertThat(refusal().orElseThrow().refusedAt).isEqualTo(refusal.refusedAt);

        // A format error is refused the same way.
        Files.writeString(REFERENCE, reference);
        Files.writeString(EXERCISE.resolve("exercise.yaml"), Files.readString(EXERCISE.resolve("exercise.yaml"))
                .replace("references: [reference]", "references: [missing-folder]"));
        catalog.sync();
        assertThat(liveVersion()).contains(1);
        assertThat(refusal().orElseThrow().problems).anySatisfy(p -> assertThat(p).contains("missing-folder"));

        // Fixed, and the prompt reworded: validated and saved as draft version 2, the refusal gone; students keep
        // version 1 until staff, having previewed the draft, publish it.
        Files.writeString(EXERCISE.resolve("exercise.yaml"), Files.readString(EXERCISE.resolve("exercise.yaml"))
                .replace("references: [missing-folder]", "references: [reference]"));
        Files.writeString(EXERCISE.resolve("prompt.md"), Files.readString(EXERCISE.resolve("prompt.md")) + "\nReworded.\n");
        catalog.sync();
        assertThat(liveVersion()).contains(1);
        assertThat(refusal()).isEmpty();
        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        assertThat(staff.get("/staff/exercises").asString()).doesNotContain("refused-changes")
                .contains("id=\"draft-gate-probe\"", "draft v2 waiting");
        assertThat(staff.get("/exercises/gate-probe?version=2").asString()).contains("Reworded.", "id=\"preview-note\"");
        catalog.sync();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Exercise.latestVersion("gate-probe")))
                .as("an unchanged folder adds no version beside its draft").isEqualTo(2);
        assertThat(staff.postForm("/staff/exercises/gate-probe/live-version",
                Map.of("csrf-token", staff.formToken, "version", 2)).statusCode())
                .isEqualTo(303);
        assertThat(liveVersion()).contains(2);
    }

    private int awaitVersion(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> version = liveVersion();
            if (version.isPresent()) {
                return version.get();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("gate-probe was not published within " + within.toSeconds() + " s; refusal: "
                + refusal().map(r -> r.problems).orElse(null));
    }

    private static Optional<Integer> liveVersion() {
        return QuarkusTransaction.requiringNew().call(() -> Exercise.current("gate-probe").map(e -> e.version));
    }

    private static Optional<ExerciseRefusal> refusal() {
        return QuarkusTransaction.requiringNew().call(() -> ExerciseRefusal.<ExerciseRefusal>findByIdOptional("gate-probe"));
    }

    private static Path copyOfProbe() {
        try {
            Path folder = Files.createTempDirectory("threadmark-gate-");
            Path source = Path.of("src/test/resources/fixtures/probe");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path target = folder.resolve("gate-probe").resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
