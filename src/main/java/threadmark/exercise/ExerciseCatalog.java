package threadmark.exercise;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import threadmark.format.ExerciseArchive;
import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFormatException;
import threadmark.grading.ExercisePipeline;
import threadmark.process.ProcessConfig;
import threadmark.sandbox.Sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps the database in step with the exercises folder: loads it at start-up and again whenever a folder's content
 * changes. A changed folder is published as a new version only once it passed the whole {@link ExercisePipeline}
 * (format, tests compiling, every solution in the sandbox); otherwise the previous version stays live and an
 * {@link ExerciseRefusal} says why (the log, and the staff's exercises page).
 */
@ApplicationScoped
public class ExerciseCatalog {

    @Inject
    ExercisesConfig config;

    @Inject
    Sandbox sandbox;

    @Inject
    ProcessConfig process;

    private ExercisePipeline pipeline;

    /** Validating takes about a minute per exercise: then the start does not wait for it. */
    void onStart(@Observes StartupEvent event) {
        if (config.validateChanges()) {
            Thread.ofVirtual().name("exercise-catalog").start(this::watch);
        } else {
            watch();
        }
    }

    /** Worker-only processes grade what web servers published; they need no exercises folder. */
    @Scheduled(every = "${threadmark.exercises.watch-interval}", delayed = "${threadmark.exercises.watch-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (process.role().serves()) {
            sync();
        }
    }

    /**
     * Adds a version for every exercise folder whose content differs from its newest version and passes the pipeline
     * (a draft, where a version is live).
     */
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
        String slug = folder.getFileName().toString();
        ExercisePipeline pipeline = pipeline();
        String hash = pipeline.fingerprint(folder);
        Instant now = Instant.now();
        boolean skip = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Exercise> latest = Exercise.latest(slug);
            if (latest.isPresent() && latest.get().contentHash.equals(hash)) {
                ExerciseRefusal.deleteById(slug); // the folder was put back as it is live, or as its draft
                return true;
            }
            ExerciseRefusal refused = ExerciseRefusal.findById(slug);
            return refused != null && refused.stands(hash, now);
        });
        if (skip) {
            return;
        }
        try {
            ExercisePipeline.Compiled compiled = pipeline.compile(folder);
            if (config.validateChanges()) {
                Log.infof("exercise %s changed: validating its solutions in the sandbox before publishing it", slug);
                ExercisePipeline.Validation validation = pipeline.validate(compiled);
                if (!validation.passed()) {
                    refuse(slug, hash, validation.problems(), validation.judged());
                    return;
                }
            }
            Exercise added = QuarkusTransaction.requiringNew().call(() -> {
                ExerciseRefusal.deleteById(slug);
                Optional<Exercise> latest = Exercise.latest(slug);
                if (latest.isPresent() && latest.get().contentHash.equals(hash)) {
                    return null; // another web process validated the same change first
                }
                return addVersion(compiled.exercise(), compiled.testBundle());
            });
            if (added != null) {
                Log.infof(added.current ? "published exercise %s version %d"
                        : "exercise %s version %d is a draft: staff preview and publish it on /staff/exercises",
                        added.slug, added.version);
            }
        } catch (ExerciseFormatException e) {
            refuse(slug, hash, e.problems(), true);
        }
    }

    private void refuse(String slug, String hash, List<String> problems, boolean judged) {
        Integer live = QuarkusTransaction.requiringNew().call(() -> {
            ExerciseRefusal refusal = ExerciseRefusal.<ExerciseRefusal>findByIdOptional(slug).orElseGet(() -> {
                ExerciseRefusal fresh = new ExerciseRefusal();
                fresh.slug = slug;
                return fresh;
            });
            refusal.contentHash = hash;
            refusal.problems = List.copyOf(problems);
            refusal.judged = judged;
            refusal.refusedAt = Instant.now();
            refusal.retryAfter = judged ? null : refusal.refusedAt.plus(config.busyRetry());
            refusal.persist();
            return Exercise.current(slug).map(e -> e.version).orElse(null);
        });
        Log.warnf("exercise %s: the folder's change was %s; %s. %s", slug,
                judged ? "not published" : "not published yet (the machine was too busy to validate it)",
                live == null ? "it is not live" : "version " + live + " stays live", String.join("; ", problems));
    }

    /** The pipeline every way of publishing goes through, made once (it holds the compiler and the grader). */
    synchronized ExercisePipeline pipeline() {
        if (pipeline == null) {
            pipeline = new ExercisePipeline(sandbox);
        }
        return pipeline;
    }

    /**
     * Adds a version that passed the pipeline. The first version of an exercise goes live at once (students see it
     * once a course sets it or it is open for practice); a later one lands as a draft beside the live version, for
     * staff to preview and publish ({@link ExerciseVersions}), unless drafts are turned off.
     */
    @Transactional
    public Exercise addVersion(ExerciseFolder exercise, byte[] testBundle) {
        boolean live = Exercise.current(exercise.slug()).isEmpty() || !config.changesAsDrafts();
        if (live) {
            Exercise.update("current = false where slug = ?1 and current = true", exercise.slug());
            Exercise.update("draft = false where slug = ?1 and draft = true", exercise.slug());
            Exercise.getEntityManager().flush();
        }
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
        row.hiddenTests = exercise.hiddenTestSources();
        row.testBundle = testBundle;
        row.sourceArchive = ExerciseArchive.pack(exercise.slug(), exercise.files());
        row.current = live;
        row.draft = !live;
        row.persist();
        if (ExerciseListing.findById(exercise.slug()) == null) {
            ExerciseListing listing = ExerciseListing.of(exercise.slug());
            listing.practice = config.practiceByDefault();
            listing.persist();
        }
        return row;
    }

    public List<Exercise> list() {
        return Exercise.catalogue();
    }
}
