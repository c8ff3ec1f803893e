package threadmark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFolderReader;
import threadmark.format.ExerciseFormatException;
import threadmark.format.ExerciseScaffold;
import threadmark.format.FeedbackTranslator;
import threadmark.format.PromiseAudit;
import threadmark.grading.ExercisePipeline;
import threadmark.grading.ExerciseValidator;
import threadmark.grading.GradeReport;
import threadmark.grading.SharedCores;
import threadmark.grading.ValidationSummary;
import threadmark.sandbox.HarnessBundle;
import threadmark.sandbox.Sandbox;
import threadmark.sandbox.SandboxException;
import threadmark.sandbox.StandaloneSandboxConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Command-line grading through the same sandbox as the server, with no server and no database:
 * {@code grade EXERCISE_DIR FILE_OR_DIR...} prints the result as JSON; {@code validate EXERCISE_DIR...}
 * checks every reference and known-bad solution; {@code audit EXERCISE_DIR...} prints what each exercise promises
 * and which tests and known-bad solutions cover it.
 */
public final class ThreadmarkCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int BROKEN = 3;
    static final int BUSY = 4;

    private static final String USAGE_TEXT = """
            usage: threadmark grade EXERCISE_DIR FILE_OR_DIR...   grade Java files against an exercise, print JSON
                   threadmark validate [--repeat N] EXERCISE_DIR...
                                        check reference and known-bad solutions; with --repeat, N times over,
                                        and fail if any solution's verdict (score, failed tests) ever changes
                   threadmark audit EXERCISE_DIR...     print each exercise's promises with their tests and known-bad
                                        solutions as Markdown (exercises/AUDIT.md); fail if one records none
                   threadmark new SLUG --kind KIND [--into DIR]
                                        start an exercise folder DIR/SLUG (default: here) from the model of a kind:
                                        race, deadlock, pool, speedup, pipeline, virtual-threads
                   threadmark check     whether this machine's CPUs can show a speedup (SMT siblings, a busy host)
                   threadmark feedback-ru EXERCISE_DIR < message.txt
                                        print the Russian a student would read for a test's English message, and
                                        the lines no template of feedback-ru (exercise.yaml or library) translates
            exit codes: 0 ok, 1 validation failed (check: speedups cannot be measured here; feedback-ru: a line stayed
                        English), 2 bad usage or input,
                        3 the sandbox failed,
                        4 this machine was too busy to measure some test fairly: the result is provisional (those
                          tests earned nothing yet, the rest stands); run it again when the machine is quieter""";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    ThreadmarkCli(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    ThreadmarkCli(PrintStream out, PrintStream err) {
        this(InputStream.nullInputStream(), out, err);
    }

    public static void main(String[] args) {
        System.exit(new ThreadmarkCli(System.in, System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 1 && args[0].equals("check")) {
            return check();
        }
        if (args.length == 2 && args[0].equals("feedback-ru")) {
            return feedbackRu(Path.of(args[1]));
        }
        if (args.length >= 1 && args[0].equals("new")) {
            return scaffold(List.of(args).subList(1, args.length));
        }
        if (args.length < 2 || !List.of("grade", "validate", "audit").contains(args[0])) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (args[0].equals("audit")) {
            return audit(List.of(args).subList(1, args.length));
        }
        try (Sandbox sandbox = new Sandbox(StandaloneSandboxConfig.load(), HarnessBundle.fromClasspath())) {
            return args[0].equals("grade") ? grade(sandbox, args) : validate(sandbox, args);
        } catch (ExerciseFormatException | InputException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (SandboxException e) {
            err.println("The sandbox failed: " + e.getMessage());
            return BROKEN;
        } catch (Exception e) {
            err.println("Unexpected failure (a bug in Threadmark, please report it): " + e);
            e.printStackTrace(err);
            return BROKEN;
        }
    }

    private int check() {
        Optional<String> problem = SharedCores.problem();
        out.println(problem.map(p -> "WARNING: " + p).orElse("ok: two threads of integer work ran at full speed each "
                + "on this machine's CPUs; speedups can be measured here"));
        return problem.isPresent() ? FAILED : OK;
    }

    /** Needs no sandbox: the exercise's templates and the library's, applied to a message read from stdin. */
    private int feedbackRu(Path folder) {
        try {
            ExerciseFolder exercise = new ExerciseFolderReader().read(folder);
            String english = new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            FeedbackTranslator.Result russian = FeedbackTranslator.russian(exercise.definition().feedbackRu())
                    .translate(english);
            out.println(russian.text());
            russian.untranslated().forEach(line -> err.println("stayed English: " + line));
            return russian.complete() ? OK : FAILED;
        } catch (ExerciseFormatException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("cannot read the message from stdin: " + e.getMessage());
            return USAGE;
        }
    }

    /** {@code exercises/*} also names exercises/README.md and AUDIT.md: plain files are not exercises. */
    private static List<String> withoutFiles(List<String> folders) {
        return folders.stream().filter(f -> !Files.isRegularFile(Path.of(f))).toList();
    }

    /** Needs no sandbox: it reads the folders, whose reader enforces the promises' rules. */
    private int audit(List<String> folders) {
        try {
            List<ExerciseFolder> exercises = withoutFiles(folders).stream()
                    .map(f -> new ExerciseFolderReader().read(Path.of(f))).toList();
            out.print(PromiseAudit.markdown(exercises));
            List<String> missing = PromiseAudit.withoutPromises(exercises);
            if (!missing.isEmpty()) {
                err.println("no promises recorded in exercise.yaml of: " + String.join(", ", missing));
                return FAILED;
            }
            return OK;
        } catch (ExerciseFormatException e) {
            err.println(e.getMessage());
            return USAGE;
        }
    }

    private int grade(Sandbox sandbox, String[] args) throws IOException {
        ExercisePipeline pipeline = new ExercisePipeline(sandbox);
        ExercisePipeline.Compiled exercise = pipeline.compile(Path.of(args[1]));
        Map<String, String> files = readSubmission(List.of(args).subList(2, args.length), exercise.exercise());
        GradeReport report = pipeline.grade(exercise, files, "cli-" + ProcessHandle.current().pid());
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        if (report.isProvisional()) {
            err.println(busySentence(report.unmeasured().stream().map(GradeReport.TestVerdict::id).toList()));
            return BUSY;
        }
        return OK;
    }

    private int validate(Sandbox sandbox, String[] args) {
        List<String> folders = new ArrayList<>(List.of(args).subList(1, args.length));
        int repeat = 1;
        if (folders.getFirst().equals("--repeat")) {
            repeat = repeatCount(folders);
            folders = folders.subList(2, folders.size());
        }
        folders = withoutFiles(folders);
        if (folders.isEmpty()) {
            throw new InputException("name the exercise folders to validate");
        }
        ExercisePipeline pipeline = new ExercisePipeline(sandbox);
        List<ExercisePipeline.Compiled> exercises = folders.stream().map(f -> pipeline.compile(Path.of(f))).toList();
        boolean allOk = true;
        boolean allJudged = true;
        Map<String, ValidationSummary> summaries = new LinkedHashMap<>();
        exercises.forEach(c -> summaries.put(c.exercise().slug(), new ValidationSummary(c.exercise())));
        for (int run = 1; run <= repeat; run++) {
            if (repeat > 1) {
                out.printf("--- run %d of %d%n", run, repeat);
            }
            for (ExercisePipeline.Compiled compiled : exercises) {
                ExerciseFolder exercise = compiled.exercise();
                List<ExerciseValidator.SolutionCheck> checks = pipeline.validate(compiled).checks();
                for (ExerciseValidator.SolutionCheck check : checks) {
                    GradeReport report = check.report();
                    out.printf("%-4s %-24s %-28s %5.1f/%-5.1f %s%n",
                            check.ok() ? "ok" : check.judged() ? "FAIL" : "BUSY", exercise.slug(),
                            (check.reference() ? "reference " : "known-bad ") + check.solution(),
                            report.score(), report.maxScore(), check.ok() ? firstFailure(report) : check.problem());
                    allOk &= check.ok();
                    allJudged &= check.judged();
                }
                summaries.get(exercise.slug()).add(checks);
            }
        }
        int changed = 0;
        for (var entry : summaries.entrySet()) {
            ValidationSummary summary = entry.getValue();
            if (repeat > 1 && !summary.catches().isEmpty()) {
                out.printf("how often each known-bad of %s was caught (%d runs):%n", entry.getKey(), repeat);
                summary.catches().forEach(c -> out.println("  " + c));
            }
            summary.warnings().forEach(w -> out.println("warning: " + entry.getKey() + ": " + w));
            changed += summary.changedVerdicts().size();
        }
        if (repeat > 1) {
            if (changed == 0) {
                out.printf("stable: %d runs, every test's verdict identical in every run that measured it%n", repeat);
            } else {
                out.printf("UNSTABLE: %d verdicts of tests changed between runs (see the warnings above)%n", changed);
                allOk = false;
            }
        }
        if (!allOk && allJudged) {
            return FAILED;
        }
        if (!allOk) {
            // Only busy-machine verdicts kept it from passing: say so rather than call the exercise broken.
            err.println(busySentence(List.of("the solutions marked BUSY")));
            return BUSY;
        }
        return OK;
    }

    /** {@code new SLUG --kind KIND [--into DIR]}: the models are read from {@code threadmark.exercises} (exercises/). */
    private int scaffold(List<String> args) {
        String slug = null;
        String kind = null;
        Path into = Path.of(".");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--kind") || arg.equals("--into")) && i + 1 < args.size()) {
                if (arg.equals("--kind")) {
                    kind = args.get(++i);
                } else {
                    into = Path.of(args.get(++i));
                }
            } else if (slug == null && !arg.startsWith("--")) {
                slug = arg;
            } else {
                err.println("threadmark new: unexpected '" + arg + "'\n" + USAGE_TEXT);
                return USAGE;
            }
        }
        if (slug == null || kind == null) {
            err.println("threadmark new: name the exercise and its kind, e.g. threadmark new my-race --kind race "
                    + "(kinds: " + String.join(", ", ExerciseScaffold.KINDS.keySet()) + ")");
            return USAGE;
        }
        try {
            Path models = Path.of(System.getProperty("threadmark.exercises", "exercises"));
            Path folder = ExerciseScaffold.write(models, kind, slug, into.resolve(slug));
            out.printf("""
                    Made %s from the %s model (%s). Next:
                      1. Edit exercise.yaml (title, tests, known-bad), prompt.md and prompt.ru.md, starter/, tests/, solutions/.
                      2. In an IDE: open %s as a Maven project (install the check library once:
                         mvn -f graders/harness/pom.xml install -DskipTests), run its tests against the reference.
                      3. scripts/threadmark validate --repeat 5 %s   (every reference 100%%, every known-bad caught every time)
                      4. Upload it as a zip on /staff/exercises (Dry run first), or add it to exercises/.
                    The check library: /docs/check/ on the server; the guide: exercises/README.md.
                    """, folder, kind, ExerciseScaffold.KINDS.get(kind), folder.resolve("pom.xml"), folder);
            return OK;
        } catch (ExerciseScaffold.ScaffoldException | ExerciseFormatException e) {
            err.println("threadmark new: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("threadmark new: cannot write the folder: " + e.getMessage());
            return USAGE;
        }
    }

    private static String busySentence(List<String> tests) {
        return "Not a final result: this machine was too busy to measure " + String.join(", ", tests) + " fairly "
                + "(another program took the CPUs the measurement needs). Those tests earned nothing yet; everything "
                + "else stands. Run it again when the machine is quieter (exit code " + BUSY + ").";
    }

    private static int repeatCount(List<String> args) {
        try {
            int repeat = Integer.parseInt(args.get(1));
            if (repeat < 1 || repeat > 100) {
                throw new NumberFormatException();
            }
            return repeat;
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new InputException("--repeat wants a number of runs from 1 to 100");
        }
    }

    /** What must not change between runs: the score and which tests failed. */
    private static String firstFailure(GradeReport report) {
        return report.tests().stream().filter(t -> t.status() != GradeReport.Status.PASSED).findFirst()
                .map(t -> t.id() + ": " + (t.message() == null ? "" : t.message().lines().findFirst().orElse("")))
                .orElse("");
    }

    private static Map<String, String> readSubmission(List<String> paths, ExerciseFolder exercise) throws IOException {
        if (paths.isEmpty()) {
            throw new InputException("name the Java files (or a folder of them) to grade");
        }
        Map<String, String> files = new TreeMap<>();
        for (String name : paths) {
            Path path = Path.of(name);
            List<Path> javaFiles = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(p -> p.toString().endsWith(".java")).forEach(javaFiles::add);
                }
            } else if (Files.isRegularFile(path)) {
                javaFiles.add(path);
            } else {
                throw new InputException("no such file or folder: " + name);
            }
            for (Path file : javaFiles) {
                try {
                    files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                } catch (CharacterCodingException e) {
                    throw new InputException(file + " is not UTF-8 text: save it as UTF-8 and grade it again");
                }
            }
        }
        List<String> missing = exercise.definition().files().stream().filter(f -> !files.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            throw new InputException("the submission lacks " + String.join(", ", missing)
                    + " (exercise " + exercise.slug() + " expects " + exercise.definition().files() + ")");
        }
        return files;
    }

    /** Bad command-line input: reported as a sentence with exit code 2. */
    static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }
}
