package threadmark.grading;

import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFolderReader;
import threadmark.format.TestBundle;
import threadmark.format.TestCompiler;
import threadmark.sandbox.Sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one way from an exercise folder to something workers can grade with: read and check its format, compile its
 * hidden tests beside the harness, and prove it in the sandbox (every reference full marks, every known-bad solution
 * losing points on the tests it declares). The folder watcher, uploads, the command line and the tests all go
 * through here; what is published is only ever a {@link Validation} that {@link Validation#passed() passed}.
 */
public final class ExercisePipeline {

    private final ExerciseFolderReader reader = new ExerciseFolderReader();
    private final TestCompiler compiler;
    private final Grader grader;

    public ExercisePipeline(Sandbox sandbox) {
        this(sandbox, new Grader(sandbox));
    }

    public ExercisePipeline(Sandbox sandbox, Grader grader) {
        this.compiler = new TestCompiler(sandbox.bundle());
        this.grader = grader;
    }

    /** An exercise folder with its tests compiled: ready to validate, or to grade a submission with. */
    public record Compiled(ExerciseFolder exercise, Map<String, byte[]> testClasses) {
        public byte[] testBundle() {
            return TestBundle.pack(testClasses);
        }
    }

    /** What the sandbox said of every solution the folder declares. */
    public record Validation(Compiled compiled, List<ExerciseValidator.SolutionCheck> checks) {
        public boolean passed() {
            return checks.stream().allMatch(ExerciseValidator.SolutionCheck::ok);
        }

        /** False when the machine was too busy to tell for some solution: neither proven nor refuted. */
        public boolean judged() {
            return checks.stream().allMatch(ExerciseValidator.SolutionCheck::judged);
        }

        /** One sentence per solution that did not do what the folder says of it. */
        public List<String> problems() {
            return checks.stream().filter(c -> !c.ok())
                    .map(c -> (c.reference() ? "reference " : "known-bad ") + c.solution() + ": " + c.problem())
                    .toList();
        }
    }

    /** Reads and checks a folder's format; throws {@link threadmark.format.ExerciseFormatException} with every problem. */
    public ExerciseFolder read(Path folder) {
        return reader.read(folder);
    }

    /** The folder's content hash, also when its format is wrong: a change is a new hash. */
    public String fingerprint(Path folder) {
        return reader.fingerprint(folder);
    }

    /** Compiles the folder's tests; a test that does not compile is a format problem of the folder. */
    public Compiled compile(ExerciseFolder exercise) {
        return new Compiled(exercise, compiler.compile(exercise));
    }

    public Compiled compile(Path folder) {
        return compile(read(folder));
    }

    /** Grades every solution the folder declares in the sandbox, pinned to whole cores as the workers pin them. */
    public Validation validate(Compiled compiled) {
        return new Validation(compiled, new ExerciseValidator(grader).validate(compiled.exercise(), compiled.testClasses()));
    }

    /** Grades one submission's files against the exercise, as a worker would. */
    public GradeReport grade(Compiled compiled, Map<String, String> files, String runId) {
        return grader.grade(new GradingInput(runId, compiled.exercise().definition(), compiled.testClasses(), files),
                LocalCores.cpusetFor(compiled.exercise().definition().limits().cpus()));
    }
}
