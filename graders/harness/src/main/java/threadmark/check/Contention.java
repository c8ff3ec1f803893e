package threadmark.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Stress for shared state: in each trial, {@code threads} threads start on a {@link StartLine} and call the same
 * step on one fresh object for a fixed time, then a verdict looks at the object. Stops at the first trial that
 * shows a problem. Time-bounded trials (rather than a fixed number of calls) keep threads overlapping however fast
 * or slow the step is; many short trials beat one long one, because the JIT makes a warmed-up loop overlap less.
 */
public final class Contention {

    /** Looks at the shared object after a trial: {@code null} when it is consistent, else what went wrong. */
    @FunctionalInterface
    public interface Verdict<T> {
        String problem(T shared, long stepsMade);
    }

    private Contention() {
    }

    /**
     * Runs up to {@code trials} trials and fails with the verdict's words, the trial number and how many steps
     * were made. A deadlock or a hang inside a trial is reported by {@link Liveness}.
     */
    public static <T> void hammer(String what, int threads, int trials, Duration perTrial, Supplier<T> fresh,
                                  Consumer<? super T> step, Verdict<? super T> verdict) {
        long trialNanos = perTrial.toNanos();
        for (int trial = 1; trial <= trials; trial++) {
            T shared = fresh.get();
            StartLine start = new StartLine(threads);
            AtomicLong made = new AtomicLong();
            List<Runnable> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(() -> {
                    start.arriveAndGo();
                    long mine = 0;
                    long end = System.nanoTime() + trialNanos;
                    while (System.nanoTime() < end) {
                        for (int i = 0; i < 32; i++) {
                            step.accept(shared);
                        }
                        mine += 32;
                    }
                    made.addAndGet(mine);
                });
            }
            Liveness.runToCompletion(what + " (trial " + trial + " of " + trials + ")",
                    perTrial.plusSeconds(10), workers);
            String problem = verdict.problem(shared, made.get());
            if (problem != null) {
                throw new AssertionError(problem + " (seen in trial " + trial + " of " + trials + ", " + threads
                        + " threads " + what + " at the same moment for " + perTrial.toMillis() + " ms)");
            }
        }
    }
}
