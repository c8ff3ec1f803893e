package threadmark.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Stress for shared state: in each trial, threads start on a {@link StartLine} and repeat their steps on fresh shared
 * state for a fixed time, then a verdict looks at the state. Stops at the first trial that shows a problem.
 * Time-bounded trials (rather than a fixed number of calls) keep threads overlapping however fast or slow a step is;
 * many short trials beat one long one, because the JIT makes a warmed-up loop overlap less.
 * <p>
 * A trial in which the host ran the threads one after the other proves nothing about a race, so no problem found is
 * a pass only once the threads were seen side by side for long enough ({@link Overlap}); until then more trials run,
 * and a host too busy for that makes the measurement {@link Inconclusive}, never a pass.
 <p>
 * Example: a counter must not lose increments when four threads hammer it (a racy {@code count++} fails in the
 * first trial or two, with "3,021 of 412,000 increments were lost"):
 * <pre>{@code
 * Contention.hammer("incremented one counter", 4, 30, Duration.ofMillis(20), Counter::new, Counter::increment,
 *         (counter, steps) -> counter.get() == steps ? null
 *                 : String.format("%,d of %,d increments were lost: make increment() atomic.", steps - counter.get(), steps));
 * }</pre>
 * With different roles per thread (two withdraw, one refills) use {@link #together}; prefer
 * {@code cpus: 2} in exercise.yaml, so that the threads really run at the same time.
 */
public final class Contention {
    /** Trials beyond the asked-for number, as a multiple of it, while the threads have not yet been seen together. */
    private static final int MAX_TRIALS_FACTOR = 3;

    /** Looks at the shared object after a trial: {@code null} when it is consistent, else what went wrong. */
    @FunctionalInterface
    public interface Verdict<T> {
        /** What is wrong with {@code shared} after {@code stepsMade} steps in all, or null when it is consistent. */
        String problem(T shared, long stepsMade);
    }

    /**
     * One trial: the step each of its threads repeats (one thread per step), and the verdict on the shared state,
     * given how many steps were made in all: {@code null} when it is consistent, else what went wrong.
     */
    public record Trial(List<Runnable> steps, LongFunction<String> problem) {
        /** Copies the steps, so that the trial cannot change under the threads. */
        public Trial {
            steps = List.copyOf(steps);
        }
    }

    private Contention() {
    }

    /**
     * Names the options of a stress run instead of passing them in order: {@code what} the threads do (for messages),
     * then any of {@link Stress#threads}, {@link Stress#trials} and {@link Stress#eachFor}, then {@link Stress#hammer}
     * or {@link Stress#together}. Defaults: 4 threads, 30 trials of 20 ms.
     * <pre>{@code
     * Contention.stress("incremented one counter").threads(4).trials(30).eachFor(Duration.ofMillis(20))
     *         .hammer(Counter::new, Counter::increment,
     *                 (counter, steps) -> counter.get() == steps ? null : (steps - counter.get()) + " increments were lost");
     * }</pre>
     */
    public static Stress stress(String what) {
        return new Stress(what, 4, 30, Duration.ofMillis(20));
    }

    /** The options of a stress run, named; see {@link Contention#stress}. */
    public static final class Stress {
        private final String what;
        private final int threads;
        private final int trials;
        private final Duration perTrial;

        private Stress(String what, int threads, int trials, Duration perTrial) {
            if (threads < 2 || trials < 1 || perTrial.isNegative() || perTrial.isZero()) {
                throw new IllegalArgumentException("a stress run needs 2 or more threads, 1 or more trials and a "
                        + "positive time per trial");
            }
            this.what = what;
            this.threads = threads;
            this.trials = trials;
            this.perTrial = perTrial;
        }

        /** How many threads call the step at the same time (for {@link #hammer}). */
        public Stress threads(int count) {
            return new Stress(what, count, trials, perTrial);
        }

        /** How many trials at least, each on fresh shared state; more run while the threads were not seen together. */
        public Stress trials(int count) {
            return new Stress(what, threads, count, perTrial);
        }

        /** How long the threads repeat their steps in each trial. */
        public Stress eachFor(Duration time) {
            return new Stress(what, threads, trials, time);
        }

        /** Runs {@link Contention#hammer} with these options. */
        public <T> void hammer(Supplier<T> fresh, Consumer<? super T> step, Verdict<? super T> verdict) {
            Contention.hammer(what, threads, trials, perTrial, fresh, step, verdict);
        }

        /** Runs {@link Contention#together} with these options (each trial brings its own threads' steps). */
        public void together(IntFunction<Trial> trial) {
            Contention.together(what, trials, perTrial, trial);
        }
    }

    /**
     * Runs trials of {@code threads} threads calling the same step on one fresh object, and fails with the verdict's
     * words, the trial number and how many steps were made. A deadlock or a hang inside a trial is reported by
     * {@link Liveness}.
     */
    public static <T> void hammer(String what, int threads, int trials, Duration perTrial, Supplier<T> fresh,
                                  Consumer<? super T> step, Verdict<? super T> verdict) {
        together(threads + " threads " + what + " at the same moment", trials, perTrial, trial -> {
            T shared = fresh.get();
            return new Trial(Collections.nCopies(threads, () -> step.accept(shared)),
                    made -> verdict.problem(shared, made));
        });
    }

    /**
     * Runs at least {@code trials} trials made by {@code trial} (given the trial's number from 1), each for
     * {@code perTrial}, and fails at the first that shows a problem. {@code what} says what the threads did, for
     * messages ("4 threads transferring between two accounts").
     */
    public static void together(String what, int trials, Duration perTrial, IntFunction<Trial> trial) {
        long trialNanos = perTrial.toNanos();
        Overlap overlap = null;
        int maxTrials = trials * MAX_TRIALS_FACTOR;
        int run = 0;
        while (run < trials || (run < maxTrials && !overlap.enough())) {
            run++;
            Trial current = trial.apply(run);
            int threads = current.steps().size();
            if (overlap == null) {
                overlap = Overlap.needed(threads, Runtime.getRuntime().availableProcessors(), trials, trialNanos);
            }
            Presence presence = new Presence(threads);
            StartLine start = new StartLine(threads);
            List<Runnable> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                Runnable step = current.steps().get(t);
                workers.add(() -> {
                    start.arriveAndGo();
                    long last = System.nanoTime();
                    long end = last + trialNanos;
                    presence.start(index, last);
                    long mine = 0;
                    int batch = 32;
                    int slowBatches = 0;
                    while (last < end) {
                        for (int i = 0; i < batch; i++) {
                            step.run();
                        }
                        mine += batch;
                        long now = System.nanoTime();
                        presence.beat(index, last, now);
                        // Slow steps get smaller batches, so that each batch can count as side by side; two slow
                        // batches in a row, since one is more likely a preemption.
                        slowBatches = now - last > Presence.FRESH_NANOS / 4 ? slowBatches + 1 : 0;
                        if (batch > 1 && slowBatches == 2) {
                            batch /= 2;
                            slowBatches = 0;
                        }
                        last = now;
                    }
                    presence.end(index, mine);
                });
            }
            Liveness.runToCompletion(what + " (trial " + run + ")", perTrial.plusSeconds(10), workers);
            String problem = current.problem().apply(presence.stepsMade());
            if (problem != null) {
                throw new AssertionError(problem + " (seen in trial " + run + ": " + what + " for "
                        + perTrial.toMillis() + " ms)");
            }
            overlap.add(presence);
        }
        if (overlap != null && !overlap.enough()) {
            throw Inconclusive.because(overlap.shortfall(what, run));
        }
    }
}
