package threadmark.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExerciseFolderReaderTest {

    private final ExerciseFolderReader reader = new ExerciseFolderReader();

    @Test
    void readsTheRaceCounterExercise() {
        ExerciseFolder exercise = reader.read(Path.of("exercises/race-counter"));
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
    void yamlMistakesAreListedAtOnceWithTheirLinesAndTheKeyMeant(@TempDir Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("typo"));
        Files.writeString(folder.resolve("exercise.yaml"), """
                title: T
                fiels: [A.java]
                jit: fast
                limits:
                  cpus: two
                tests:
                  - id: ATest#a
                    points: 10
                    proprety: counts
                  - id: ATest#b
                    visible: maybe
                known-bad: racy
                """);
        assertThatThrownBy(() -> reader.read(folder))
                .isInstanceOf(ExerciseFormatException.class)
                .satisfies(e -> assertThat(((ExerciseFormatException) e).problems()).contains(
                        "exercise.yaml:2:1: unknown key 'fiels' at the top level: did you mean 'files'?",
                        "exercise.yaml:3:6: 'jit' must be one of quick, full, not 'fast'",
                        "exercise.yaml:5:9: 'cpus' must be a number, not 'two'",
                        "exercise.yaml:9:5: unknown key 'proprety' in a test (under 'tests'): did you mean 'property'?",
                        "exercise.yaml:11:14: 'visible' must be true or false, not 'maybe'",
                        "exercise.yaml:12:12: 'known-bad' must be a list (one '- ' item per line), not a text",
                        // The checks after parsing still run on what could be read.
                        "exercise.yaml: 'files' must name the Java files a student submits"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ExerciseDefinition", "threadmark.",
                        "jackson"));

        Files.writeString(folder.resolve("exercise.yaml"), "title: T\ntests:\n  - id: [unclosed\n");
        assertThatThrownBy(() -> reader.read(folder)).isInstanceOf(ExerciseFormatException.class)
                .satisfies(e -> assertThat(((ExerciseFormatException) e).problems())
                        .anyMatch(p -> p.startsWith("exercise.yaml:") && p.contains("cannot be parsed as YAML")));
    }

    @Test
    void symbolicLinksAreRefused(@TempDir Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("linked"));
        Files.writeString(folder.resolve("exercise.yaml"), "title: T\n");
        Files.createSymbolicLink(folder.resolve("prompt.md"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> reader.read(folder)).hasMessageContaining("symbolic links are not allowed");
    }

    @Test
    void everyPromiseNeedsATestAndAKnownBadThatFailsIt(@TempDir Path root) throws IOException {
        Path folder = exercise(root, """
                promises:
                  - promise: "no increment is lost"
                    tests: [RaceTest#noLostUpdates, RaceTest#missing]
                    known-bad: [racy, absent]
                  - promise: "a new counter reads 0"
                    tests: [RaceTest#startsAtZero]
                    known-bad: [racy]
                  - promise: ""
                """, "");
        assertThatThrownBy(() -> reader.read(folder))
                .isInstanceOf(ExerciseFormatException.class)
                .hasMessageContaining("exercise 'counter' is invalid")
                .satisfies(e -> assertThat(((ExerciseFormatException) e).problems()).containsExactlyInAnyOrder(
                        "exercise.yaml: promise 'no increment is lost' names test RaceTest#missing, which is not in 'tests'",
                        "exercise.yaml: promise 'no increment is lost' names known-bad solutions/absent/, which is not"
                                + " listed under 'known-bad'",
                        "exercise.yaml: promise 'a new counter reads 0' names known-bad solutions/racy/, whose 'must-fail'"
                                + " [RaceTest#noLostUpdates] includes none of the promise's tests [RaceTest#startsAtZero]",
                        "exercise.yaml: promise #3 needs a 'promise' quoting what the prompt promises",
                        "exercise.yaml: promise #3 must name the tests that check it in 'tests'",
                        "exercise.yaml: promise #3 must name in 'known-bad' a known-bad solution that breaks it"));
    }

    @Test
    void aTestOutsideEveryPromiseIsRefused(@TempDir Path root) throws IOException {
        Path folder = exercise(root, """
                promises:
                  - promise: "no increment is lost"
                    tests: [RaceTest#noLostUpdates]
                    known-bad: [racy]
                """, "");
        assertThatThrownBy(() -> reader.read(folder)).satisfies(e -> assertThat(((ExerciseFormatException) e).problems())
                .containsExactly("exercise.yaml: test RaceTest#startsAtZero earns points but belongs to no promise in 'promises'"));
    }

    @Test
    void keptPromisesAndAMatchingPointsTableAreAccepted(@TempDir Path root) throws IOException {
        Path folder = exercise(root, """
                promises:
                  - promise: "a new counter reads 0"
                    tests: [RaceTest#startsAtZero]
                    known-bad: [starts-at-one]
                  - promise: "no increment is lost"
                    tests: [RaceTest#noLostUpdates]
                    known-bad: [racy]
                """, """
                | property | points |
                | --- | --- |
                | a new counter reads 0 | 20 |
                | no increment is lost when threads race | 80 |
                | **total** | **100** |
                """);
        assertThat(reader.read(folder).definition().promises()).hasSize(2);
    }

    @Test
    void aPointsTableThatDisagreesWithTheYamlIsRefusedInEitherLanguage(@TempDir Path root) throws IOException {
        Path folder = exercise(root, "", """
                | property | points |
                | --- | --- |
                | a new counter reads 0 | 20 |
                | no increment is lost | 60 |
                | total | 80 |
                """);
        Files.writeString(folder.resolve("prompt.ru.md"), """
                # Счётчик
                | свойство | баллы |
                | --- | --- |
                | новый счётчик возвращает 0 | 20 |
                | ни одно увеличение не теряется | 60 |
                | после завершения потоков значение точное | 20 |
                """);
        assertThatThrownBy(() -> reader.read(folder)).satisfies(e -> assertThat(((ExerciseFormatException) e).problems())
                .containsExactlyInAnyOrder(
                        "prompt.md: points table row 2 ('no increment is lost') gives 60 points, but exercise.yaml gives"
                                + " test RaceTest#noLostUpdates 80",
                        "prompt.md: points table row 2 reads 'no increment is lost', but exercise.yaml's property of test"
                                + " RaceTest#noLostUpdates is 'no increment is lost when threads race'",
                        "prompt.md: the points table's total is 80, but the tests in exercise.yaml are worth 100",
                        "prompt.ru.md: the points table has 3 rows, but exercise.yaml lists 2 tests (one row per test,"
                                + " in the yaml's order)",
                        "prompt.ru.md: points table row 2 ('ни одно увеличение не теряется') gives 60 points, but"
                                + " exercise.yaml gives test RaceTest#noLostUpdates 80",
                        "prompt.ru.md: points table row 2 reads 'ни одно увеличение не теряется', but exercise.yaml's"
                                + " property-ru of test RaceTest#noLostUpdates is 'ни одно увеличение не теряется, когда"
                                + " потоки состязаются'"));
    }

    @Test
    void aFolderWithARussianPromptNamesEveryPropertyAndTopicInRussianToo(@TempDir Path root) throws IOException {
        Path folder = exercise(root, "", "");
        Files.writeString(folder.resolve("prompt.ru.md"), "# Счётчик\n");
        Files.writeString(folder.resolve("exercise.yaml"), Files.readString(folder.resolve("exercise.yaml"))
                .replace("    property-ru: новый счётчик возвращает 0\n", "")
                .replace("files: [Counter.java]", "topics: [threads, atomics]\ntopics-ru: [потоки]\nfiles: [Counter.java]"));
        assertThatThrownBy(() -> reader.read(folder)).satisfies(e -> assertThat(((ExerciseFormatException) e).problems())
                .containsExactlyInAnyOrder(
                        "exercise.yaml: topics-ru must name the 2 topics in Russian, in the same order, since the"
                                + " folder has a Russian prompt",
                        "exercise.yaml: test RaceTest#startsAtZero has a property but no property-ru, and the folder"
                                + " has a Russian prompt: Russian readers would see it in English"));
        Files.writeString(folder.resolve("exercise.yaml"), Files.readString(folder.resolve("exercise.yaml"))
                .replace("topics-ru: [потоки]", "topics-ru: [потоки, атомарные переменные]")
                .replace("    property: a new counter reads 0\n",
                        "    property: a new counter reads 0\n    property-ru: новый счётчик возвращает 0\n"));
        var definition = reader.read(folder).definition();
        assertThat(definition.topics(Locale.forLanguageTag("ru"))).containsExactly("потоки", "атомарные переменные");
        assertThat(definition.tests().getFirst().property(Locale.forLanguageTag("ru"))).isEqualTo("новый счётчик возвращает 0");
        assertThat(definition.tests().getFirst().property(Locale.ENGLISH)).isEqualTo("a new counter reads 0");
    }

    /** A folder that is valid apart from what a test adds: two tests, a reference, two known-bads. */
    private static Path exercise(Path root, String promisesYaml, String promptTable) throws IOException {
        Path folder = Files.createDirectories(root.resolve("counter"));
        Files.writeString(folder.resolve("exercise.yaml"), """
                title: Counter
                files: [Counter.java]
                tests:
                  - id: RaceTest#startsAtZero
                    points: 20
                    property: a new counter reads 0
                    property-ru: новый счётчик возвращает 0
                  - id: RaceTest#noLostUpdates
                    points: 80
                    property: no increment is lost when threads race
                    property-ru: ни одно увеличение не теряется, когда потоки состязаются
                known-bad:
                  - folder: racy
                    mistake: "count++ unsynchronized"
                    must-fail: [RaceTest#noLostUpdates]
                  - folder: starts-at-one
                    mistake: "starts at 1"
                    must-fail: [RaceTest#startsAtZero]
                """ + promisesYaml);
        Files.writeString(folder.resolve("prompt.md"), "# Counter\n\n## How it is graded\n" + promptTable);
        for (String dir : new String[] {"starter", "solutions/reference", "solutions/racy", "solutions/starts-at-one"}) {
            Files.createDirectories(folder.resolve(dir));
            Files.writeString(folder.resolve(dir).resolve("Counter.java"), "public class Counter {}\n");
        }
        Files.createDirectories(folder.resolve("tests"));
        Files.writeString(folder.resolve("tests/RaceTest.java"), "class RaceTest {}\n");
        return folder;
    }
}
