package threadmark.exercise;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFolderReader;
import threadmark.format.ExerciseFormatException;
import threadmark.format.TestBundle;
import threadmark.format.TestCompiler;
import threadmark.process.ProcessConfig;
import threadmark.sandbox.Sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps the database in step with the exercises folder: loads it at start-up and again whenever a
 * folder's content changes, publishing the change as a new version.
 */
@ApplicationScoped
public class ExerciseCatalog {

    @Inject
    ExercisesConfig config;

    @Inject
    Sandbox sandbox;

    private final ExerciseFolderReader reader = new ExerciseFolderReader();

    @Inject
    ProcessConfig process;

    void onStart(@Observes StartupEvent event) {
        watch();
    }

    /** Worker-only processes grade what web servers published; they need no exercises folder. */
    @Scheduled(every = "${threadmark.exercises.watch-interval}", delayed = "${threadmark.exercises.watch-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (process.role().serves()) {
            sync();
        }
    }

    /** Publishes every exercise folder whose content differs from its current version. */
    public synchronized void sync() {
        Path root = Path.of(config.dir());
        if (!Files.isDirectory(root)) {
            Log.warnf("exercises folder %s does not exist; no exercises loaded", root.toAbsolutePath());
            return;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                syncFolder(folder);
            }
        } catch (IOException e) {
            Log.errorf("cannot list %s: %s", root, e.getMessage());
        }
    }

    private void syncFolder(Path folder) {
        try {
            ExerciseFolder exercise = reader.read(folder);
            Optional<String> currentHash = currentHash(exercise.slug());
            if (currentHash.isPresent() && currentHash.get().equals(exercise.contentHash())) {
                return;
            }
            Map<String, byte[]> tests = new TestCompiler(sandbox.bundle()).compile(exercise);
            Exercise published = publish(exercise, TestBundle.pack(tests));
            Log.infof("published exercise %s version %d", published.slug, published.version);
        } catch (ExerciseFormatException e) {
            Log.warnf("skipping %s", e.getMessage());
        }
    }

    @Transactional
    Optional<String> currentHash(String slug) {
        return Exercise.current(slug).map(e -> e.contentHash);
    }

    @Transactional
    public Exercise publish(ExerciseFolder exercise, byte[] testBundle) {
        Exercise.update("current = false where slug = ?1 and current = true", exercise.slug());
        Exercise.getEntityManager().flush();
        Exercise row = new Exercise();
        row.slug = exercise.slug();
        row.version = Exercise.latestVersion(exercise.slug()) + 1;
        row.contentHash = exercise.contentHash();
        row.title = exercise.definition().title();
        row.position = exercise.definition().order();
        row.promptMarkdown = exercise.prompt();
        row.promptMarkdownRu = exercise.promptRu();
        row.definition = exercise.definition();
        row.starterFiles = exercise.starterFiles();
        row.visibleTests = exercise.visibleTestSources();
        row.testBundle = testBundle;
        row.current = true;
        row.persist();
        return row;
    }

    public List<Exercise> list() {
        return Exercise.catalogue();
    }
}
