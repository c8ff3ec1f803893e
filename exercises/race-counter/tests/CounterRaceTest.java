import org.junit.jupiter.api.Test;
import threadmark.check.Contention;

import java.time.Duration;

class CounterRaceTest {

    private static final int THREADS = 4;
    // 60, not 20: 20 trials were measured to catch every known-bad race in trial 1 or 2 (273 of 280 fresh JVMs, quiet
    // or beside CPU hogs), yet in a 200-submission burst (four gradings on 2 cores) a lock-per-call counter passed all
    // 20 with its threads judged side by side. A lock per call loses an update in only about one trial in ten then.
    private static final int TRIALS = 60;
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
