package threadmark.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFolderReader;
import threadmark.format.ExerciseScaffold;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code threadmark new}: a scaffold of every kind reads as a valid exercise folder and differs from its model (which
 * the catalogue validation proves in the sandbox on every test run) only in its title lines and its pom.xml.
 */
class ScaffoldCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new ThreadmarkCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void everyKindsScaffoldIsItsValidatedModelUnderANewTitle(@TempDir Path root) throws IOException {
        for (Map.Entry<String, String> kind : ExerciseScaffold.KINDS.entrySet()) {
            String slug = "my-" + kind.getKey();
            Path folder = ExerciseScaffold.write(Path.of("exercises"), kind.getKey(), slug, root.resolve(slug));
            ExerciseFolder scaffold = new ExerciseFolderReader().read(folder);
            ExerciseFolder model = new ExerciseFolderReader().read(Path.of("exercises", kind.getValue()));

            assertThat(scaffold.definition().title()).isEqualTo("My " + kind.getKey().replace('-', ' '));
            assertThat(scaffold.prompt()).startsWith("# My ");
            assertThat(scaffold.definition().tests()).isEqualTo(model.definition().tests());
            assertThat(scaffold.definition().knownBad()).isEqualTo(model.definition().knownBad());
            assertThat(scaffold.definition().limits()).isEqualTo(model.definition().limits());
            Map<String, byte[]> same = new TreeMap<>(scaffold.files());
            Map<String, byte[]> modelFiles = new TreeMap<>(model.files());
            for (String changed : Set.of("exercise.yaml", "prompt.md", "prompt.ru.md", "pom.xml")) {
                same.remove(changed);
                modelFiles.remove(changed);
            }
            assertThat(same.keySet()).isEqualTo(modelFiles.keySet());
            same.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(modelFiles.get(name)));
            assertThat(Files.readString(folder.resolve("pom.xml")))
                    .contains("<artifactId>threadmark-harness</artifactId>")
                    .contains("<sourceDirectory>solutions/${solution}</sourceDirectory>")
                    .as("XML comments may not hold a double dash").doesNotContain("<!--.*--[^>]");
            assertThat(Files.readString(folder.resolve("pom.xml")).split("<!--")[1].split("-->")[0]).doesNotContain("--");
        }
    }

    @Test
    void theCommandWritesTheFolderAndRefusesWhatItCannotDoWithASentence(@TempDir Path root) {
        assertThat(run("new", "my-race", "--kind", "race", "--into", root.toString())).as(err.toString()).isZero();
        assertThat(root.resolve("my-race/exercise.yaml")).exists();
        assertThat(out.toString()).contains("scripts/threadmark validate --repeat 5");

        assertThat(run("new", "my-race", "--kind", "race", "--into", root.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("exists already");
        assertThat(run("new", "my-race", "--kind", "racy", "--into", root.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no kind 'racy': choose one of race, deadlock, pool, speedup, pipeline, "
                + "virtual-threads");
        assertThat(run("new", "My_Race", "--kind", "race", "--into", root.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'My_Race' is not a slug");
        assertThat(run("new", "my-race")).isEqualTo(2);
        assertThat(err.toString()).contains("name the exercise and its kind");
    }
}
