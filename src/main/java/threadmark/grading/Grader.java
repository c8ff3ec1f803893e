package threadmark.grading;

import org.jboss.logging.Logger;
import threadmark.format.ExerciseDefinition;
import threadmark.format.TestBundle;
import threadmark.sandbox.HarnessRunner;
import threadmark.sandbox.Sandbox;
import threadmark.sandbox.SandboxException;
import threadmark.sandbox.SandboxImage;
import threadmark.sandbox.SandboxLimits;
import threadmark.sandbox.SandboxRequest;
import threadmark.sandbox.SandboxRun;

import java.security.SecureRandom;
import java.time.Duration;

/** Grades one submission: runs the harness in a fresh sandbox and scores what it reports. */
public final class Grader {

    private static final Logger LOG = Logger.getLogger(Grader.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sandbox sandbox;
    private final HarnessRunner runner;

    public Grader(Sandbox sandbox) {
        this(sandbox, sandbox.runner());
    }

    /** Grades with another runner of the same harness command; the benchmark's bare JVM is the only other. */
    public Grader(Sandbox sandbox, HarnessRunner runner) {
        this.sandbox = sandbox;
        this.runner = runner;
    }

    public GradeReport grade(GradingInput input) {
        return grade(input, null);
    }

    /** Grades in a container pinned to {@code cpuset} ("0,1"), or unpinned when it is null. */
    public GradeReport grade(GradingInput input, String cpuset) {
        ExerciseDefinition exercise = input.exercise();
        ExerciseDefinition.Limits limits = exercise.limits();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        HarnessJob job = new HarnessJob(secret, input.runId(),
                limits.testTimeoutSeconds() * 1000, limits.timeSeconds() * 1000,
                input.files(), TestBundle.tests(input.testClasses()), exercise.testClasses(),
                TestBundle.reference(input.testClasses()));
        SandboxImage image = sandbox.image();
        Duration wallClock = Duration.ofSeconds(limits.timeSeconds()).plus(sandbox.config().startupGrace());
        HarnessOutputReader reader = new HarnessOutputReader(secret, input.runId());
        SandboxRun run = runner.run(new SandboxRequest(image.tag(), HarnessCommand.of(image, exercise), job.encode(),
                new SandboxLimits(limits.memoryMb(), limits.cpus(), wallClock, cpuset, limits.exclusiveCpus()),
                input.runId(), reader::isAuthentic, true));
        HarnessReport report = reader.read(run.protocolLines());
        if (report.compile() == null && run.ending() == SandboxRun.Ending.EXITED && report.timeoutMessage() == null) {
            // Only javac runs before the compile event, on a budget of its own: the harness failed, not the student.
            // A run that ran out of time or memory before it was javac on the student's source (see Scorer).
            throw new SandboxException("the harness reported nothing (exit code " + run.exitCode() + "): "
                    + (report.harnessError() != null ? report.harnessError() : abbreviate(run.stderr() + run.stdout())));
        }
        if (report.rejectedLines() > 0) {
            LOG.warnf("run %s: %d result lines failed verification (forgery attempt or corrupted output)",
                    input.runId(), report.rejectedLines());
        }
        GradeReport graded = Scorer.score(exercise, report, run, limits.memoryMb());
        if (graded.isProvisional()) {
            // Not a platform failure and not a verdict: the caller measures again later or says why it cannot.
            LOG.infof("run %s: %d test(s) could not be measured fairly (busy machine)", input.runId(),
                    graded.unmeasured().size());
        }
        LOG.infof("run %s: %s %.1f/%.1f %s", input.runId(), graded.outcome(), graded.score(), graded.maxScore(), graded.timings());
        return graded;
    }

    private static String abbreviate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
