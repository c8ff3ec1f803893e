package threadmark.check;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The evidence that {@link Contention} trials tested what they claim: how long, over all trials so far, at least two
 * of their threads were at work at the same moment. A racy step can only go wrong then, so a loaded host must show as
 * much of it as the asked-for trials show on a quiet one (three quarters of it, for noise) before no fault found is a
 * pass. Without the kernel's figures there is nothing to weigh, and the trials count as they did before this check.
 */
final class Overlap {
    /** The share of a quiet host's side-by-side time that a run must show. */
    private static final double NEEDED_SHARE = 0.75;

    private final int threads;
    private final long neededNanos;
    private long sideBySideNanos;
    private boolean unknown;

    Overlap(int threads, long neededNanos) {
        this.threads = threads;
        this.neededNanos = neededNanos;
    }

    /**
     * The evidence {@code trials} trials of {@code perTrialNanos} need with {@code threads} threads on {@code cpus}
     * CPUs: on a quiet host {@code min(threads, cpus)} run at every instant, which {@link Presence}'s bound counts as
     * {@code (min(threads, cpus) - 1) / (threads - 1)} of each trial. One CPU is weighed as two: it cannot run two
     * threads at once, so no run on it ever shows the evidence, and its trials stay inconclusive.
     */
    static Overlap needed(int threads, int cpus, int trials, long perTrialNanos) {
        if (threads < 2) {
            return new Overlap(threads, 0);
        }
        double quiet = (double) (Math.min(threads, Math.max(2, cpus)) - 1) / (threads - 1) * trials * perTrialNanos;
        return new Overlap(threads, (long) (quiet * NEEDED_SHARE));
    }

    void add(Presence trial, long pausedNanos) {
        if (!trial.kernelFigures()) {
            unknown = true;
        }
        sideBySideNanos += trial.sideBySideNanos(pausedNanos);
    }

    boolean enough() {
        return threads < 2 || unknown || sideBySideNanos >= neededNanos;
    }

    String shortfall(String what, int trials) {
        int cpus = Runtime.getRuntime().availableProcessors();
        String why = cpus < 2 ? "this run had 1 CPU, so the test's threads could not run at the same moment"
                : "the machine was too busy to run the test's threads at the same moment";
        return String.format(Locale.ROOT, "%s: in %d trials (%s) they ran side by side for about %d ms, and at least"
                        + " %d ms are needed before a race can be ruled out", why, trials, what,
                TimeUnit.NANOSECONDS.toMillis(sideBySideNanos), TimeUnit.NANOSECONDS.toMillis(neededNanos));
    }
}
