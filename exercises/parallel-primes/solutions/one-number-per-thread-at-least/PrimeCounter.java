import java.util.ArrayList;
import java.util.List;

public class PrimeCounter {

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        if (to <= from) {
            return 0;
        }
        // Every thread gets at least one number; the last one takes whatever remains.
        long chunk = Math.max(1, (to - from) / threads);
        long[] counts = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int part = i;
            long start = from + i * chunk;
            long end = i == threads - 1 ? Math.max(start, to) : start + chunk;
            workers.add(Thread.ofPlatform().start(() -> counts[part] = countSequentially(start, end)));
        }
        long total = 0;
        for (int i = 0; i < threads; i++) {
            workers.get(i).join();
            total += counts[i];
        }
        return total;
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
