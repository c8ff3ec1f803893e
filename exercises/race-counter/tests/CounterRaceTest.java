import org.junit.jupiter.api.Test;
import threadmark.check.Contention;

import java.time.Duration;

class CounterRaceTest {

    private static final int THREADS = 4;
    // 20 trials catch every known-bad race in trial 1 or 2 on a quiet host; a loaded one gets up to 60 until the threads
    // were seen stepping side by side for half of the 20 trials' length (Contention), or the run is inconclusive.
    private static final int TRIALS = 20;
    private static final Duration TRIAL = Duration.ofMillis(15);

    /**
     * Start-aligned, time-bounded hammering: every trial starts all threads at the same instant and lets them
     * increment for a few milliseconds. Stops at the first lost update.
     */
    @Test
    void noLostUpdatesUnderContention() {
        Contention.hammer("incremented one counter", THREADS, TRIALS, TRIAL, Counter::new, Counter::increment,
                (counter, made) -> {
                    long lost = made - counter.get();
                    if (lost < 0) {
                        return String.format("the counter reads %,d more than the %,d increments made", -lost, made);
                    }
                    return lost == 0 ? null : String.format("%,d of %,d increments were lost: two threads read the "
                            + "same value and both wrote value + 1. Make increment() atomic: synchronized, one shared "
                            + "lock, or AtomicLong.incrementAndGet().", lost, made);
                });
    }
}
