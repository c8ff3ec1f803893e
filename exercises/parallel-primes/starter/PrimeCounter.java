public class PrimeCounter {

    /** Counts the primes in [from, to) using `threads` threads. */
    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        // TODO: split [from, to) between `threads` threads, count each part in parallel, add up the counts.
        long count = 0;
        for (long n = from; n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
