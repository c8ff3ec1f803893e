package threadmark.check;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The evidence that {@link Contention} trials tested what they claim: how long, over all trials so far, at least two
 * of their threads were at work at the same moment. A racy step can only go wrong then; once the threads were side by
 * side for a fifth of the time asked for, a race that shows at all has had its chances (a lost update on two cores
 * shows within microseconds of real overlap). Without the kernel's figures there is nothing to weigh, and the trials
 * count as they did before this check existed.
 */
final class Overlap {
    /** The side-by-side time needed is the trials' nominal time divided by this. */
    static final long NEEDED_SHARE_DIVISOR = 5;

    private final int threads;
    private final long neededNanos;
    private long sideBySideNanos;
    private boolean unknown;

    Overlap(int threads, long neededNanos) {
        this.threads = threads;
        this.neededNanos = neededNanos;
    }

    void add(Presence trial) {
        if (!trial.kernelFigures()) {
            unknown = true;
        }
        sideBySideNanos += trial.sideBySideNanos();
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
