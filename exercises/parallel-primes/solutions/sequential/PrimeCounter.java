public class PrimeCounter {

    /** Counts the primes in [from, to) using `threads` threads. */
    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        // One thread is simpler, and threads are "not worth it" as in Python with its GIL.
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
