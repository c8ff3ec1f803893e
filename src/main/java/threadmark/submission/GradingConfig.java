package threadmark.submission;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/** How the in-server grading workers take jobs from the queue. */
@ConfigMapping(prefix = "threadmark.grading")
public interface GradingConfig {

    /** Run workers in this process at all (a web-only server sets this false). */
    boolean enabled();

    /** Worker threads; 0 means as many as gradings can run at once (cores × {@link #jobsPerCore()}). */
    int workers();

    /** CPUs that gradings may use at once; 0 means all CPUs of this machine (or of {@link #cpus()}). */
    int cpuBudget();

    /**
     * The Docker host's CPU cores to grade on, as a Linux CPU list ("0-7"). Unset: the cores this process may run
     * on, right when the engine is local; set it when {@code DOCKER_HOST} points at another machine.
     */
    Optional<String> cpus();

    /**
     * Gradings that may share one core, unless their exercise asks for its cores alone ({@code exclusive-cpus},
     * for speedup measurements). Most tests wait, block and sleep more than they compute, so two per core keeps
     * the cores busy; 1 gives every grading whole cores.
     */
    int jobsPerCore();

    /** Pin each container to the cores reserved for it (a cpuset), so speedup measurements get whole cores. */
    boolean pinCpus();

    /** How long a claimed job stays ours without renewal; a dead worker's job is retaken after it. */
    Duration lease();

    Duration pollInterval();

    /**
     * After this many claims that did not finish (platform faults), the job is marked ERROR instead of retried. Runs
     * that a busy machine could not measure fairly do not count: {@link #remeasure()} bounds those.
     */
    int maxAttempts();

    /** Waiting for a fair measurement when a run was too busy to measure some test. */
    Remeasure remeasure();

    /** How long /q/metrics keeps the queue's length and age before asking the database again (scrapes cost no more). */
    Duration queueMetricsMaxAge();

    /**
     * A grading with unmeasured tests waits {@link #firstDelay()}, then twice as long after each further busy run,
     * at most {@link #maxDelay()}, and is measured again; after {@link #maxRuns()} busy runs, or once another wait
     * would pass {@link #maxWait()} since its first busy run, it gets its final verdict and the unmeasured tests
     * earn nothing.
     */
    interface Remeasure {
        Duration firstDelay();

        Duration maxDelay();

        int maxRuns();

        Duration maxWait();

        /** How long to wait after the {@code runs}-th busy run. */
        default Duration delayAfter(int runs) {
            Duration delay = firstDelay().multipliedBy(1L << Math.min(Math.max(runs - 1, 0), 20));
            return delay.compareTo(maxDelay()) > 0 ? maxDelay() : delay;
        }

        /** Whether the {@code runs}-th busy run, {@code since} the first one, ends the waiting. */
        default boolean exhausted(int runs, Duration since) {
            return runs >= maxRuns() || since.plus(delayAfter(runs)).compareTo(maxWait()) > 0;
        }
    }
}
