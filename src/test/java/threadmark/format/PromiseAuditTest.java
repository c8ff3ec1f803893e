package threadmark.format;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's promises: recorded for every exercise, and exercises/AUDIT.md is what they generate. */
class PromiseAuditTest {

    private static List<ExerciseFolder> catalogue() throws IOException {
        try (Stream<Path> listing = Files.list(Path.of("exercises"))) {
            return listing.filter(Files::isDirectory).sorted().map(f -> new ExerciseFolderReader().read(f)).toList();
        }
    }

    @Test
    void everyCatalogueExerciseRecordsWhatItPromises() throws IOException {
        assertThat(PromiseAudit.withoutPromises(catalogue()))
                .as("exercises with no 'promises:' in exercise.yaml (see exercises/README.md)")
                .isEmpty();
    }

    @Test
    void auditFileIsUpToDate() throws IOException {
        assertThat(Files.readString(Path.of("exercises/AUDIT.md")))
                .as("exercises/AUDIT.md is generated: run scripts/threadmark audit exercises/* > exercises/AUDIT.md")
                .isEqualTo(PromiseAudit.markdown(catalogue()));
    }
}
