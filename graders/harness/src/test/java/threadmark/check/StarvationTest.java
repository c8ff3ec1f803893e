package threadmark.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision on figures of the kinds measured in StarvationIT, and the arithmetic from two marks. */
class StarvationTest {

    @Test
    void aRunWhoseThreadsWaitedWhileItGotLittleCpuWasStarvedByTheHost() {
        assertTrue(new Starvation.Measured(0.97, 0.03).starved());
    }

    @Test
    void aSpinADeadlockAndASelfStarvingSwarmWereNot() {
        assertFalse(new Starvation.Measured(0.05, 0.95).starved(), "a spin gets its CPU");
        assertFalse(new Starvation.Measured(0.0, 0.01).starved(), "a deadlock is not runnable");
        assertFalse(new Starvation.Measured(5.0, 0.98).starved(), "six spinners on one CPU use all of it");
    }

    @Test
    void threadsThatAppearedSinceTheMarkCountFromZero() {
        long second = 1_000_000_000L;
        Starvation.Mark from = new Starvation.Mark(0, 0, Map.of("1", new long[] {5 * second, 7 * second}));
        Starvation.Mark to = new Starvation.Mark(10 * second, second / 10, Map.of(
                "1", new long[] {5 * second, 12 * second},
                "2", new long[] {0, 4 * second}));
        Starvation.Measured measured = Starvation.measure(from, to);
        assertTrue(Math.abs(measured.waitShare() - 0.9) < 1e-9, measured::toString);
        assertTrue(measured.starved(), measured::toString);
    }
}
