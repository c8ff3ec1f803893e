import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import threadmark.check.Speedup;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.fail;

// The speedup test runs last: a solution that is wrong or leaves threads behind is told so first, cheaply.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrimeCounterTest {

    private static final long SPEEDUP_FROM = 20_000_000;
    private static final long SPEEDUP_TO = 20_600_000;

    /** The test's own answer: a sieve of Eratosthenes, independent of the student's method. */
    private static long primesBetween(long from, long to) {
        if (to <= from) {
            return 0;
        }
        int limit = (int) to;
        BitSet composite = new BitSet(limit);
        long count = 0;
        for (int n = 2; n < limit; n++) {
            if (!composite.get(n)) {
                if (n >= from) {
                    count++;
                }
                for (long multiple = (long) n * n; multiple < limit; multiple += n) {
                    composite.set((int) multiple);
                }
            }
        }
        return count;
    }

    private static void check(long from, long to, int threads) throws Exception {
        long expected = primesBetween(from, to);
        long actual = PrimeCounter.countPrimes(from, to, threads);
        if (actual != expected) {
            String hint = actual < expected
                    ? "Some numbers were never checked: when the range does not divide evenly by the number of "
                    + "threads, the last part must reach `to` (or a thread's part was lost)."
                    : "Some numbers were counted twice: the parts overlap.";
            fail(String.format("countPrimes(%,d, %,d, %d) returned %,d, but there are %,d primes in that range. %s",
                    from, to, threads, actual, expected, hint));
        }
    }

    @Test
    @Order(1)
    void correctOnRangesThatDoNotDivideEvenly() throws Exception {
        // Each range leaves a remainder that holds a prime (100,003; 11; 1,009): a lost remainder shows.
        check(0, 100_004, 3);
        check(2, 12, 4);
        check(1_000, 1_010, 4);
        check(1_000, 91_001, 7);
    }

    @Test
    @Order(2)
    void correctOnEmptyAndTinyRanges() throws Exception {
        check(50, 50, 4);
        check(60, 50, 2);
        check(13, 14, 8);
        check(0, 5, 8);
    }

    @Test
    @Order(3)
    void startsThreadsAndLeavesNoneBehind() throws Exception {
        ThreadCensus census = ThreadCensus.take();
        check(0, 200_000, 4);
        if (census.platformThreadsStarted() < 3) {
            fail("countPrimes(0, 200,000, 4) started " + census.platformThreadsStarted() + " thread(s): with 4 threads "
                    + "asked for, at least 3 new threads (besides the caller's) should share the work.");
        }
        census.assertNoneLeftRunning("countPrimes", Duration.ofSeconds(1),
                "Join your threads, or shut your pool down (try-with-resources), before returning the count.");
    }

    @Test
    @Order(4)
    void fasterWithAllCpusThanWithOne() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        long expected = primesBetween(SPEEDUP_FROM, SPEEDUP_TO);
        long[] results = new long[2];
        Speedup.Result result = Speedup.assertSpeedup(
                String.format("countPrimes(%,d, %,d, threads)", SPEEDUP_FROM, SPEEDUP_TO),
                () -> results[0] = count(1),
                () -> results[1] = count(cpus),
                0.75);
        if (results[0] != expected || results[1] != expected) {
            fail(String.format("countPrimes(%,d, %,d, ...) returned %,d with one thread and %,d with %d, expected %,d",
                    SPEEDUP_FROM, SPEEDUP_TO, results[0], results[1], cpus, expected));
        }
        System.out.println("speedup " + result);
    }

    private static long count(int threads) {
        try {
            return PrimeCounter.countPrimes(SPEEDUP_FROM, SPEEDUP_TO, threads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
