package threadmark.check;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The evidence that {@link Contention} trials tested what they claim: how long, over all trials so far, their threads
 * were seen stepping side by side ({@link Presence}). A racy step can only go wrong then, so a loaded host must show a
 * good part of what the asked-for trials show on a quiet one before no fault found is a pass.
 */
final class Overlap {
    /**
     * The share of a quiet host's side-by-side time that a run must show. A quiet host shows about 0.8 of the trials'
     * length (the JIT, the collector and the watchdog take the rest); half of it is the bar.
     */
    private static final double NEEDED_SHARE = 0.5;

    private final int threads;
    private final int cpus;
    private final long neededNanos;
    private long sideBySideNanos;

    private Overlap(int threads, int cpus, long neededNanos) {
        this.threads = threads;
        this.cpus = cpus;
        this.neededNanos = neededNanos;
    }

    /**
     * The evidence {@code trials} trials of {@code perTrialNanos} need with {@code threads} threads on {@code cpus}
     * CPUs: on a quiet host two or more of them step at every instant of each trial. One CPU cannot run two threads at
     * once, so no run on it shows the evidence, and its trials stay inconclusive.
     */
    static Overlap needed(int threads, int cpus, int trials, long perTrialNanos) {
        long quiet = threads < 2 ? 0 : trials * perTrialNanos;
        return new Overlap(threads, cpus, (long) (quiet * NEEDED_SHARE));
    }

    void add(Presence trial) {
        sideBySideNanos += trial.sideBySideNanos(cpus);
    }

    boolean enough() {
        return threads < 2 || sideBySideNanos >= neededNanos;
    }

    String shortfall(String what, int trials) {
        String why = cpus < 2 ? "this run had 1 CPU, so the test's threads could not run at the same moment"
                : "the machine was too busy to run the test's threads at the same moment";
        return String.format(Locale.ROOT, "%s: in %d trials (%s) they ran side by side for about %d ms, and at least"
                        + " %d ms are needed before a race can be ruled out", why, trials, what,
                TimeUnit.NANOSECONDS.toMillis(sideBySideNanos), TimeUnit.NANOSECONDS.toMillis(neededNanos));
    }
}
