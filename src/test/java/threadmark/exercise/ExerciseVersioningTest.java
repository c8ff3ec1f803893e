package threadmark.exercise;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFolderReader;
import threadmark.format.TestBundle;
import threadmark.format.TestCompiler;
import threadmark.sandbox.Sandbox;
import threadmark.submission.QueueOnlyProfile;
import threadmark.submission.Submission;
import threadmark.user.Role;
import threadmark.user.User;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class ExerciseVersioningTest {

    @Inject
    ExerciseCatalog catalog;

    @Inject
    Sandbox sandbox;

    @Test
    void changedFolderIsPublishedAsNewVersionAndOldSubmissionsKeepTheirs(@TempDir Path root) throws IOException {
        Path folder = copy(Path.of("exercises/race-counter"), root.resolve("versioned-counter"));
        ExerciseFolder first = new ExerciseFolderReader().read(folder);
        Exercise v1 = catalog.publish(first, TestBundle.pack(new TestCompiler(sandbox.bundle()).compile(first)));
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
        Exercise v2 = catalog.publish(second, TestBundle.pack(new TestCompiler(sandbox.bundle()).compile(second)));

        assertThat(v2.version).isEqualTo(v1.version + 1);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(Exercise.current("versioned-counter").orElseThrow().id).isEqualTo(v2.id);
            assertThat(Exercise.current("versioned-counter").orElseThrow().promptMarkdown).contains("Changed prompt");
            Submission old = Submission.findById(submissionId);
            assertThat(old.exercise.id).isEqualTo(v1.id);
            assertThat(old.exercise.version).isEqualTo(1);
        });
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
