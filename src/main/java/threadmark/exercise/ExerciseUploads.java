package threadmark.exercise;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ForbiddenException;
import threadmark.format.ExerciseArchive;
import threadmark.format.ExerciseFormatException;
import threadmark.grading.ExercisePipeline;
import threadmark.grading.ExerciseValidator;
import threadmark.grading.GradeReport;
import threadmark.grading.ValidationSummary;
import threadmark.sandbox.FileTrees;
import threadmark.user.User;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves an exercise uploaded as a zip as a new version, only after the same checks as for exercises kept in git: the
 * folder's format, its tests compiling, and every solution in the sandbox (references 100%, known-bad ones losing
 * points). A new exercise goes live at once; a new version of a live one is a draft until staff publish it.
 * Only its owners (its first publisher and whom they add) or an admin publish a new version ({@link ExerciseOwner}).
 */
@ApplicationScoped
public class ExerciseUploads {

    /**
     * What happened to an upload: it passed every check and was saved as {@code version} ({@code published}), live
     * at once for a new exercise or else a draft ({@code live} false) that staff publish; or it was refused, with the
     * problems and the solution checks.
     */
    public record Report(String slug, boolean published, boolean live, Integer version, List<String> problems,
                         List<SolutionResult> solutions, boolean dryRun, int runs, List<String> warnings,
                         List<String> margins) {
        static Report refused(String slug, List<String> problems, boolean dryRun) {
            return new Report(slug, false, false, null, problems, List.of(), dryRun, 0, List.of(), List.of());
        }

        /** For a dry run: whether an upload of the same folder would be published. */
        public boolean wouldPublish() {
            return problems.isEmpty();
        }
    }

    /**
     * How one solution fared: its score and, test by test, the verdict, the points, the time and the exact feedback
     * a student would read.
     */
    public record SolutionResult(String solution, boolean reference, boolean ok, String problem, double score,
                                 double maxScore, List<TestOutcome> tests) {
        static SolutionResult of(ExerciseValidator.SolutionCheck check) {
            return new SolutionResult(check.solution(), check.reference(), check.ok(), check.problem(),
                    check.report().score(), check.report().maxScore(),
                    check.report().tests().stream().map(TestOutcome::of).toList());
        }
    }

    public record TestOutcome(String id, String status, double points, double maxPoints, long millis,
                              String feedback) {
        static TestOutcome of(GradeReport.TestVerdict test) {
            return new TestOutcome(test.id(), test.status().name(), test.points(), test.maxPoints(),
                    test.durationMillis(), test.message());
        }
    }

    /** The most validation runs a dry run may ask for: each grades every solution again. */
    public static final int MAX_DRY_RUNS = 5;

    @Inject
    ExerciseCatalog catalog;

    @Inject
    ExercisesConfig config;

    public Report upload(byte[] zip, User publisher) {
        Path work = null;
        try {
            work = Files.createTempDirectory("threadmark-upload-");
            return publish(ExerciseArchive.unpack(zip, work), publisher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    /**
     * Validates an uploaded folder exactly as an upload would, {@code runs} times over, and saves nothing: the report
     * shows each solution's tests with the feedback a student would read, how often each known-bad was caught, and
     * warnings. Any staff member may dry-run any folder.
     */
    public Report dryRun(byte[] zip, int runs) {
        if (runs < 1 || runs > MAX_DRY_RUNS) {
            throw new ExerciseArchive.RefusedException("a dry run repeats the validation 1 to " + MAX_DRY_RUNS
                    + " times, not " + runs);
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("threadmark-dry-run-");
            Path folder = ExerciseArchive.unpack(zip, work);
            String slug = folder.getFileName().toString();
            ExercisePipeline pipeline = catalog.pipeline();
            ExercisePipeline.Compiled compiled;
            try {
                compiled = pipeline.compile(folder);
            } catch (ExerciseFormatException e) {
                return Report.refused(slug, e.problems(), true);
            }
            ValidationSummary summary = new ValidationSummary(compiled.exercise());
            ExercisePipeline.Validation validation = null;
            List<String> problems = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                validation = pipeline.validate(compiled);
                summary.add(validation.checks());
                validation.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            }
            problems.addAll(summary.changedVerdicts());
            List<String> warnings = summary.warnings().stream().filter(w -> !problems.contains(w)).toList();
            return new Report(slug, false, false, null, problems,
                    validation.checks().stream().map(SolutionResult::of).toList(), true, runs, warnings,
                    summary.catches().stream().map(ValidationSummary.Catch::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    /**
     * Publishes a folder already on the server, which must lie under one of the configured import roots once
     * symbolic links and ".." are resolved.
     */
    public Report importFolder(String folder, User publisher) {
        List<String> roots = config.importRoots().orElse(List.of());
        if (roots.isEmpty()) {
            throw new ImportRefusedException("importing from folders on the server is turned off: set "
                    + "threadmark.exercises.import-roots, or upload the folder as a zip");
        }
        Path real;
        try {
            real = Path.of(folder).toRealPath();
        } catch (IOException | InvalidPathException e) {
            throw new ExerciseArchive.RefusedException("no folder '" + folder + "' on the server");
        }
        boolean allowed = roots.stream().map(ExerciseUploads::realOrNull)
                .anyMatch(root -> root != null && real.startsWith(root) && !real.equals(root));
        if (!allowed) {
            throw new ImportRefusedException("'" + folder + "' is not inside an import folder (" + String.join(", ", roots)
                    + ")");
        }
        if (!Files.isDirectory(real)) {
            throw new ExerciseArchive.RefusedException("'" + folder + "' is not a folder");
        }
        try {
            return publish(real, publisher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes another staff account an owner of an exercise; only an owner (or an admin) may. Returns the owners. */
    @Transactional
    public List<String> addOwner(User staff, String slug, String username) {
        if (Exercise.latestVersion(slug) == 0) {
            throw new NotFoundException("no exercise '" + slug + "'");
        }
        ExerciseOwner.requireMayPublish(slug, staff);
        User owner = User.byUsername(username).filter(User::isStaff).orElseThrow(() ->
                new NotFoundException("no staff account '" + username + "'"));
        ExerciseOwner.add(slug, owner, staff);
        Log.infof("exercise %s: %s made %s an owner", slug, staff.username, username);
        return ExerciseOwner.ownersOf(slug);
    }

    /** A folder the server will not read for this caller (HTTP 403). */
    public static final class ImportRefusedException extends ForbiddenException {
        public ImportRefusedException(String message) {
            super(message);
        }
    }

    private static Path realOrNull(String root) {
        try {
            return Path.of(root).toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private Report publish(Path folder, User publisher) throws IOException {
        String slug = folder.getFileName().toString();
        if (Files.isDirectory(Path.of(config.dir()).resolve(slug))) {
            throw new ExerciseArchive.RefusedException("exercise '" + slug + "' is kept in the server's exercises "
                    + "folder (in git); change it there, or upload it under another name");
        }
        QuarkusTransaction.requiringNew().run(() -> ExerciseOwner.requireMayPublish(slug, publisher));
        ExercisePipeline.Validation validation;
        try {
            ExercisePipeline pipeline = catalog.pipeline();
            validation = pipeline.validate(pipeline.compile(folder));
        } catch (ExerciseFormatException e) {
            return Report.refused(slug, e.problems(), false);
        }
        List<SolutionResult> checks = validation.checks().stream().map(SolutionResult::of).toList();
        ValidationSummary summary = new ValidationSummary(validation.compiled().exercise());
        summary.add(validation.checks());
        if (!validation.passed()) {
            return new Report(slug, false, false, null, List.of("validation failed: see the solutions"), checks,
                    false, 1, summary.warnings(), List.of());
        }
        ExercisePipeline.Compiled compiled = validation.compiled();
        Exercise added = QuarkusTransaction.requiringNew().call(() -> {
            ExerciseOwner.requireMayPublish(slug, publisher);
            ExerciseOwner.add(slug, publisher, publisher);
            return catalog.addVersion(compiled.exercise(), compiled.testBundle());
        });
        Log.infof("exercise %s from %s saved as version %d (%s) by %s", slug, folder, added.version,
                added.current ? "live" : "a draft", publisher.username);
        return new Report(slug, true, added.current, added.version, List.of(), checks, false, 1, summary.warnings(),
                List.of());
    }
}
