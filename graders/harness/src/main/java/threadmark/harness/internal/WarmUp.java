package threadmark.harness.internal;

import threadmark.check.ProcessCpu;

import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestPlan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What a harness started ahead of its job does while stdin has nothing yet: javac compiles the training counter, and
 * the JUnit launcher discovers a test class compiled with the harness ({@link WarmUpTarget}: a second javac run for a
 * training test cost more CPU than the discovery it prepared), so that the job's own compile and discovery find
 * javac's and JUnit's classes initialised and their hot paths compiled. Nothing of any job exists yet. Nothing here
 * prints, runs a test, starts a thread that outlives it or touches a shared pool, so what a job's checks see (its
 * output, the threads of the JVM, the common pool) is what they see after a cold start.
 */
public final class WarmUp {

    private WarmUp() {
    }

    /** Never fails: whatever it did not do, the job does itself. True when it did all of it. */
    public static boolean run() {
        return run(() -> false);
    }

    /**
     * Stops between its steps once {@code jobArrived} says the job is there (a container taken while it still
     * booted): the job's own compile then does the rest, and no step is done twice. True when it did all of them.
     */
    public static boolean run(BooleanSupplier jobArrived) {
        try {
            ProcessCpu.nanos(); // links its native call now rather than at the job's start
            CompileResult compiled = new SourceCompiler().compile(
                    List.of(new SourceFile("Counter.java", TrainingJob.COUNTER)), Set.of());
            if (jobArrived.getAsBoolean()) {
                return false;
            }
            TestPlan plan = TestRunner.newLauncher().discover(TestRunner.request(WarmUpTarget.class, Map.of(
                    "junit.jupiter.extensions.autodetection.enabled", "false")));
            long discovered = plan.countTestIdentifiers(
                    id -> id.getSource().filter(MethodSource.class::isInstance).isPresent());
            if (jobArrived.getAsBoolean()) {
                return false;
            }
            // Its garbage goes now, while nothing is measured, not in the middle of the job's first stress trial.
            System.gc();
            return compiled.ok() && discovered == WarmUpTarget.METHODS;
        } catch (Throwable t) {
            // The job compiles and discovers on its own: only slower.
            return false;
        }
    }
}
