package threadmark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import threadmark.exercise.ExerciseFolderReader;
import threadmark.exercise.ExerciseFormatException;
import threadmark.exercise.ExercisePackage;
import threadmark.exercise.ExerciseValidator;
import threadmark.exercise.TestCompiler;
import threadmark.grading.GradeReport;
import threadmark.grading.Grader;
import threadmark.grading.GradingInput;
import threadmark.sandbox.HarnessBundle;
import threadmark.sandbox.Sandbox;
import threadmark.sandbox.SandboxException;
import threadmark.sandbox.StandaloneSandboxConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Command-line grading through the same sandbox as the server, with no server and no database:
 * {@code grade EXERCISE_DIR FILE_OR_DIR...} prints the result as JSON; {@code validate EXERCISE_DIR...}
 * checks every reference and known-bad solution.
 */
public final class ThreadmarkCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int BROKEN = 3;

    private static final String USAGE_TEXT = """
            usage: threadmark grade EXERCISE_DIR FILE_OR_DIR...   grade Java files against an exercise, print JSON
                   threadmark validate EXERCISE_DIR...            check reference and known-bad solutions
            exit codes: 0 ok, 1 validation failed, 2 bad usage or input, 3 the sandbox failed""";

    private final PrintStream out;
    private final PrintStream err;

    ThreadmarkCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ThreadmarkCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length < 2 || !List.of("grade", "validate").contains(args[0])) {
            err.println(USAGE_TEXT);
            return USAGE;
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

    private int grade(Sandbox sandbox, String[] args) throws IOException {
        ExercisePackage exercise = new ExerciseFolderReader().read(Path.of(args[1]));
        Map<String, String> files = readSubmission(List.of(args).subList(2, args.length), exercise);
        Map<String, byte[]> tests = new TestCompiler(sandbox.bundle()).compile(exercise);
        GradeReport report = new Grader(sandbox).grade(new GradingInput("cli-" + ProcessHandle.current().pid(),
                exercise.definition(), tests, files));
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        return OK;
    }

    private int validate(Sandbox sandbox, String[] args) {
        ExerciseValidator validator = new ExerciseValidator(new Grader(sandbox));
        TestCompiler compiler = new TestCompiler(sandbox.bundle());
        boolean allOk = true;
        for (String folder : List.of(args).subList(1, args.length)) {
            ExercisePackage exercise = new ExerciseFolderReader().read(Path.of(folder));
            for (ExerciseValidator.SolutionCheck check : validator.validate(exercise, compiler.compile(exercise))) {
                GradeReport report = check.report();
                out.printf("%-4s %-24s %-28s %5.1f/%-5.1f %s%n", check.ok() ? "ok" : "FAIL", exercise.slug(),
                        (check.reference() ? "reference " : "known-bad ") + check.solution(),
                        report.score(), report.maxScore(), check.ok() ? firstFailure(report) : check.problem());
                allOk &= check.ok();
            }
        }
        return allOk ? OK : FAILED;
    }

    private static String firstFailure(GradeReport report) {
        return report.tests().stream().filter(t -> t.status() != GradeReport.Status.PASSED).findFirst()
                .map(t -> t.id() + ": " + (t.message() == null ? "" : t.message().lines().findFirst().orElse("")))
                .orElse("");
    }

    private static Map<String, String> readSubmission(List<String> paths, ExercisePackage exercise) throws IOException {
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
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
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
