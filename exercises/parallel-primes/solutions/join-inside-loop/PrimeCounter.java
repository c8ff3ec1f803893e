import java.util.concurrent.atomic.AtomicLong;

public class PrimeCounter {

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        if (to <= from) {
            return 0;
        }
        AtomicLong total = new AtomicLong();
        long size = to - from;
        for (int i = 0; i < threads; i++) {
            long start = from + size * i / threads;
            long end = from + size * (i + 1) / threads;
            Thread worker = new Thread(() -> total.addAndGet(countSequentially(start, end)));
            worker.start();
            // Waiting here means the next thread starts only after this one is done.
            worker.join();
        }
        return total.get();
    }

    static long countSequentially(long from, long to) {
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
