import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrimeCounterBasicsTest {

    @Test
    void countsSmallRangesWithOneThread() throws Exception {
        assertEquals(4, PrimeCounter.countPrimes(0, 10, 1), "primes below 10: 2, 3, 5, 7");
        assertEquals(6, PrimeCounter.countPrimes(10, 30, 1), "primes in [10, 30): 11, 13, 17, 19, 23, 29");
    }

    @Test
    void countsWithSeveralThreads() throws Exception {
        assertEquals(25, PrimeCounter.countPrimes(0, 100, 4), "there are 25 primes below 100");
        assertEquals(168, PrimeCounter.countPrimes(0, 1000, 3), "there are 168 primes below 1000");
    }
}
