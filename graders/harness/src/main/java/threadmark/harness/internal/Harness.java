package threadmark.harness.internal;

import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import threadmark.check.BusyWait;

/** One grading run: compile the submission, run the hidden tests, report every step as a signed event. */
public final class Harness {
    static final int EXIT_ERROR = 1;
    /**
     * Compiling may use this share of the total time limit; the rest is the tests'. A source that keeps javac busy
     * longer gets a compile failure that says so, reported well before the watchdog's timeout.
     */
    static final double COMPILE_SHARE = 0.5;

    private final Job job;
    private final ResultWriter results;

    /** Wipes the job's secret once it is inside the result writer. */
    public Harness(Job job, OutputStream realStdout) {
        this.job = job;
        this.results = new ResultWriter(realStdout, job.secret(), job.runId());
    }

    /** Runs to the end and halts the JVM; never returns. */
    public void run() {
        CpuSplit cpu = new CpuSplit();
        try {
            ClosedRuntime.verify();
            // Linking the native call costs ~60 ms of a grading's start, so it runs beside javac, which executes no
            // student code (-proc:none); it is joined before any student class is loaded. From then on
            // /proc/self/mem and friends are closed to this process's user.
            CompletableFuture<Void> undumpable = CompletableFuture.runAsync(Undumpable::apply,
                    runnable -> Thread.ofPlatform().name("threadmark-undumpable").start(runnable));
            Watchdog watchdog = Watchdog.start(results, job.totalTimeoutMillis());
            OutputCapture output = OutputCapture.install();

            CompileResult compiled;
            try {
                compiled = new SourceCompiler().compile(job.sources(), job.testClassFiles().keySet(),
                        compileBudgetMillis(job.totalTimeoutMillis()), job.totalTimeoutMillis() * 9L / 10);
            } catch (HostTooBusyException e) {
                // Signed like a starved total timeout: every test is unmeasured and the server measures again later.
                results.emitFinalAndHalt(Events.timeout("compiling did not finish: " + e.getMessage(), null,
                        e.getMessage()), Watchdog.EXIT_STATUS);
                return;
            }
            cpu.compiled();
            results.emit(Events.compile(compiled));
            if (!compiled.ok()) {
                results.emitFinalAndHalt(Events.done(0), 0);
            }
            // Not before: a javac that filled the heap may have failed this thread too, and no student code has run.
            undumpable.join();

            // Before any student class exists, so that its presence tells student code nothing (see BusyWait).
            BusyWait.startSampler();
            Set<String> studentClasses = Set.copyOf(compiled.classFiles().keySet());
            Set<String> testClasses = Set.copyOf(job.testClassFiles().keySet());
            // Every class file of the job is defined here, before any student class initializes, and wiped. The
            // reference has the student's class names: its own loader, beside (never above) the submission's.
            ClassLoader loader = new SubmissionClassLoader(Harness.class.getClassLoader(), compiled.classFiles(),
                    job.testClassFiles());
            ClassLoader reference = job.referenceClassFiles().isEmpty() ? null
                    : new SubmissionClassLoader(Harness.class.getClassLoader(), job.referenceClassFiles());
            HiddenClasses.install(loader, testClasses, reference);
            long start = System.nanoTime();
            FailureMessages messages = new FailureMessages(studentClasses);
            watchdog.explainWith(messages);
            new TestRunner(results, output, messages, loader, job.testTimeoutMillis())
                    .runAll(job.testClassesToRun());
            results.emitFinalAndHalt(Events.done(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), cpu.done()), 0);
        } catch (Throwable t) {
            results.emitFinalAndHalt(Events.error("harness failure: " + t), EXIT_ERROR);
        }
    }

    static long compileBudgetMillis(long totalTimeoutMillis) {
        return (long) (totalTimeoutMillis * COMPILE_SHARE);
    }
}
