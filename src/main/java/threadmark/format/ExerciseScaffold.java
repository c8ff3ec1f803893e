package threadmark.format;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A new exercise to start from, by kind: a copy of the catalogue exercise that is the model of that kind (its tests
 * use the right checks, its limits the right CPUs and JIT, its solutions a reference and known-bad ones that prove
 * the tests, its prompt comes in both languages), under a new slug and title, with a {@code pom.xml} so that the folder
 * opens in an IDE and its tests run against the reference on a plain JVM. Only the title lines differ from the model,
 * so the model's validation vouches for the scaffold.
 */
public final class ExerciseScaffold {

    /** Kind, and the catalogue exercise that is its model. */
    public static final Map<String, String> KINDS = kinds();

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern TITLE_LINE = Pattern.compile("(?m)^title: .*$");
    private static final Pattern HEADING = Pattern.compile("\\A# .*$", Pattern.MULTILINE);

    private ExerciseScaffold() {
    }

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("race", "race-counter");
        kinds.put("deadlock", "bank-transfer");
        kinds.put("pool", "pool-fetch");
        kinds.put("speedup", "parallel-primes");
        kinds.put("pipeline", "bounded-pipeline");
        kinds.put("virtual-threads", "virtual-threads");
        return kinds;
    }

    /** Thrown for an unknown kind or a bad slug, with a sentence that says what would be right. */
    public static final class ScaffoldException extends RuntimeException {
        ScaffoldException(String message) {
            super(message);
        }
    }

    /** The new folder's files, by path relative to it. */
    public static Map<String, byte[]> files(Path exercisesDir, String kind, String slug) {
        String model = KINDS.get(kind);
        if (model == null) {
            throw new ScaffoldException("no kind '" + kind + "': choose one of " + String.join(", ", KINDS.keySet()));
        }
        if (!SLUG.matcher(slug).matches()) {
            throw new ScaffoldException("'" + slug + "' is not a slug: use lower-case letters, digits and dashes, "
                    + "e.g. my-" + kind);
        }
        ExerciseFolder folder = new ExerciseFolderReader().read(exercisesDir.resolve(model));
        String title = title(slug);
        Map<String, byte[]> files = new TreeMap<>(folder.files());
        files.put(ExerciseFolderReader.CONFIG, utf8(TITLE_LINE.matcher(text(files, ExerciseFolderReader.CONFIG))
                .replaceFirst("title: \"" + title + "\"  # TODO: the title students see")));
        for (String prompt : List.of("prompt.md", "prompt.ru.md")) {
            if (files.containsKey(prompt)) {
                files.put(prompt, utf8(HEADING.matcher(text(files, prompt)).replaceFirst("# " + title)));
            }
        }
        files.put("pom.xml", utf8(pom(slug, folder.definition().references().getFirst())));
        return files;
    }

    /** Writes the scaffold into {@code target}, which must not exist yet. */
    public static Path write(Path exercisesDir, String kind, String slug, Path target) throws java.io.IOException {
        Map<String, byte[]> files = files(exercisesDir, kind, slug);
        if (Files.exists(target)) {
            throw new ScaffoldException(target + " exists already: choose another slug or folder");
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        return target;
    }

    private static String title(String slug) {
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String text(Map<String, byte[]> files, String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Maven: the tests of tests/ against one solution (the reference unless {@code -Dsolution=NAME}), with the check
     * library installed from this repository ({@code mvn -f graders/harness/pom.xml install -DskipTests}). The
     * platform ignores this file.
     */
    private static String pom(String slug, String reference) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- For your IDE: mvn test runs tests/ against solutions/%2$s on a plain JVM; mvn test -Dsolution=NAME
                     against another solution. Install the check library once from the Threadmark repository:
                       mvn -f graders/harness/pom.xml install -DskipTests
                     Then validate it in the sandbox, five times over, with scripts/threadmark validate.
                     Threadmark ignores this file. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>exercise</groupId>
                  <artifactId>%1$s</artifactId>
                  <version>1</version>
                  <properties>
                    <solution>%2$s</solution>
                    <maven.compiler.release>25</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>dev.threadmark</groupId>
                      <artifactId>threadmark-harness</artifactId>
                      <version>1.0.0-SNAPSHOT</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <sourceDirectory>solutions/${solution}</sourceDirectory>
                    <testSourceDirectory>tests</testSourceDirectory>
                    <plugins>
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>3.3.1</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.4</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(slug, reference);
    }
}
