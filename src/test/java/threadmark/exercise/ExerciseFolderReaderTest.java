package threadmark.exercise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExerciseFolderReaderTest {

    private final ExerciseFolderReader reader = new ExerciseFolderReader();

    @Test
    void readsTheRaceCounterExercise() {
        ExercisePackage exercise = reader.read(Path.of("exercises/race-counter"));
        assertThat(exercise.slug()).isEqualTo("race-counter");
        assertThat(exercise.definition().files()).containsExactly("Counter.java");
        assertThat(exercise.definition().maxScore()).isEqualTo(100.0);
        assertThat(exercise.definition().testClasses()).containsExactly("CounterBasicsTest", "CounterRaceTest");
        assertThat(exercise.visibleTestSources()).containsOnlyKeys("CounterBasicsTest.java");
        assertThat(exercise.solutions()).containsKeys("reference", "unsynchronized");
        assertThat(exercise.contentHash()).hasSize(64);
    }

    @Test
    void reportsEveryProblemOfABrokenFolder(@TempDir Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("broken"));
        Files.writeString(folder.resolve("exercise.yaml"), """
                title: Broken
                files: [Counter.java]
                tests:
                  - id: not-an-id
                    points: 10
                known-bad:
                  - folder: racy
                    must-fail: [Missing#test]
                """);
        assertThatThrownBy(() -> reader.read(folder))
                .isInstanceOf(ExerciseFormatException.class)
                .satisfies(e -> assertThat(((ExerciseFormatException) e).problems()).contains(
                        "missing prompt.md",
                        "starter/Counter.java is missing (every submitted file needs a starter)",
                        "exercise.yaml: test id 'not-an-id' must look like TestClass#method",
                        "solutions/reference/ is missing",
                        "solutions/racy/ is missing",
                        "exercise.yaml: known-bad 'racy' needs a 'mistake' saying what is wrong",
                        "exercise.yaml: known-bad 'racy' names unknown test Missing#test"));
    }

    @Test
    void unknownConfigKeysAreRejected(@TempDir Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("typo"));
        Files.writeString(folder.resolve("exercise.yaml"), "title: T\nfiels: [A.java]\n");
        assertThatThrownBy(() -> reader.read(folder)).hasMessageContaining("fiels");
    }

    @Test
    void symbolicLinksAreRefused(@TempDir Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("linked"));
        Files.writeString(folder.resolve("exercise.yaml"), "title: T\n");
        Files.createSymbolicLink(folder.resolve("prompt.md"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> reader.read(folder)).hasMessageContaining("symbolic links are not allowed");
    }
}
