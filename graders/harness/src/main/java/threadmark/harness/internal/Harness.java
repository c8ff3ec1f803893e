package threadmark.harness.internal;

import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One grading run: compile the submission, run the hidden tests, report every step as a signed event. */
public final class Harness {
    static final int EXIT_ERROR = 1;

    private final Job job;
    private final ResultWriter results;

    /** Wipes the job's secret once it is inside the result writer. */
    public Harness(Job job, OutputStream realStdout) {
        this.job = job;
        this.results = new ResultWriter(realStdout, job.secret(), job.runId());
    }

    /** Runs to the end and halts the JVM; never returns. */
    public void run() {
        try {
            // Before any student code: from here on /proc/self/mem and friends are closed to this process's user.
            Undumpable.apply();
            Watchdog.start(results, job.totalTimeoutMillis());
            OutputCapture output = OutputCapture.install();

            CompileResult compiled = new SourceCompiler().compile(job.sources(), job.testClassFiles().keySet());
            results.emit(Events.compile(compiled));
            if (!compiled.ok()) {
                results.emitFinalAndHalt(Events.done(0), 0);
            }

            Set<String> studentClasses = Set.copyOf(compiled.classFiles().keySet());
            ClassLoader loader = new SubmissionClassLoader(compiled.classFiles(), job.testClassFiles(),
                    Harness.class.getClassLoader());
            long start = System.nanoTime();
            new TestRunner(results, output, new FailureMessages(studentClasses), loader, job.testTimeoutMillis())
                    .runAll(job.testClassesToRun());
            results.emitFinalAndHalt(Events.done(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)), 0);
        } catch (Throwable t) {
            results.emitFinalAndHalt(Events.error("harness failure: " + t), EXIT_ERROR);
        }
    }
}
