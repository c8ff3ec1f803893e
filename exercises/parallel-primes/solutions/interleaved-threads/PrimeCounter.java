public class PrimeCounter {

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        if (to <= from) {
            return 0;
        }
        // Thread i checks from + i, from + i + threads, ...: with 2 threads one of them gets only even numbers.
        long[] counts = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int part = i;
            workers[i] = new Thread(() -> {
                long count = 0;
                for (long n = from + part; n < to; n += threads) {
                    if (isPrime(n)) {
                        count++;
                    }
                }
                counts[part] = count;
            });
            workers[i].start();
        }
        long total = 0;
        for (int i = 0; i < threads; i++) {
            workers[i].join();
            total += counts[i];
        }
        return total;
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
