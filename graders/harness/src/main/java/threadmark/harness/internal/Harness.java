package threadmark.harness.internal;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
            // Linking the native call costs ~60 ms of a grading's start, so it runs beside javac, which executes no
            // student code (-proc:none); it is joined before any student class is loaded. From then on
            // /proc/self/mem and friends are closed to this process's user.
            CompletableFuture<Void> undumpable = CompletableFuture.runAsync(Undumpable::apply,
                    runnable -> Thread.ofPlatform().name("threadmark-undumpable").start(runnable));
            Watchdog.start(results, job.totalTimeoutMillis());
            OutputCapture output = OutputCapture.install();

            CompileResult compiled = new SourceCompiler().compile(job.sources(), job.testClassFiles().keySet());
            undumpable.join();
            results.emit(Events.compile(compiled));
            if (!compiled.ok()) {
                results.emitFinalAndHalt(Events.done(0), 0);
            }

            Set<String> studentClasses = Set.copyOf(compiled.classFiles().keySet());
            Set<String> testClasses = Set.copyOf(job.testClassFiles().keySet());
            ClassLoader loader = new SubmissionClassLoader(compiled.classFiles(), job.testClassFiles(),
                    Harness.class.getClassLoader());
            // The reference has the student's class names: its own loader, beside (never above) the submission's.
            ClassLoader reference = job.referenceClassFiles().isEmpty() ? null
                    : new SubmissionClassLoader(job.referenceClassFiles(), new HashMap<>(),
                            Harness.class.getClassLoader());
            HiddenClasses.install(loader, testClasses, reference);
            long start = System.nanoTime();
            new TestRunner(results, output, new FailureMessages(studentClasses), loader, job.testTimeoutMillis())
                    .runAll(job.testClassesToRun());
            results.emitFinalAndHalt(Events.done(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)), 0);
        } catch (Throwable t) {
            results.emitFinalAndHalt(Events.error("harness failure: " + t), EXIT_ERROR);
        }
    }
}
