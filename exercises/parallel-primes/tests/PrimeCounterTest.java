import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import threadmark.check.Reference;
import threadmark.check.Speedup;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.BitSet;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;

// The speedup test runs last: a solution that is wrong or leaves threads behind is told so first, cheaply.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrimeCounterTest {

    private static final long SPEEDUP_WIDTH = 100_000;

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
                    : "Some numbers were counted twice (the parts overlap), or `to` itself was counted: the range is "
                    + "[from, to), `to` excluded.";
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
        // `to` is a prime and is not in the range.
        check(1_000, 1_009, 4);
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

    /**
     * Timed against the reference solution beside it, on fresh ranges: each grading picks its own stretch of numbers
     * around a random base between 1 and 1.2 billion, and every run a new range of {@value #SPEEDUP_WIDTH} numbers in
     * it (1% apart at most, so every range costs the same), so no count can be known before the call.
     */
    @Test
    @Order(4)
    void fasterWithAllCpusThanWithOne() {
        Reference<Range> reference = Reference.staticMethod(
                (range, threads) -> new Object[] {range.from(), range.to(), threads},
                "PrimeCounter", "countPrimes", long.class, long.class, int.class);
        SplittableRandom random = new SplittableRandom();
        long base = 1_000_000_000L + random.nextLong(200_000_000L);
        Speedup.Result result = Speedup.assertSpeedup(
                String.format("countPrimes(from, from + %,d, threads)", SPEEDUP_WIDTH),
                // An even start: `to` is never a prime, so only the range's inside decides the count.
                round -> Range.startingAt((base + random.nextLong(base / 100)) & ~1L),
                (range, threads) -> PrimeCounter.countPrimes(range.from(), range.to(), threads),
                reference, 0.75);
        System.out.println("speedup " + result);
    }

    private record Range(long from, long to) {
        static Range startingAt(long from) {
            return new Range(from, from + SPEEDUP_WIDTH);
        }

        @Override
        public String toString() {
            return String.format("[%,d, %,d)", from, to);
        }
    }
}
