import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class PrimeCounter {

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        // No more threads than numbers; an empty range asks for a pool of no threads, which throws.
        int workers = (int) Math.min(threads, to - from);
        long size = to - from;
        List<Future<Long>> parts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            int pieces = workers * 8;
            for (int i = 0; i < pieces; i++) {
                long start = from + size * i / pieces;
                long end = from + size * (i + 1) / pieces;
                parts.add(pool.submit(() -> countSequentially(start, end)));
            }
            long total = 0;
            for (Future<Long> part : parts) {
                total += part.get();
            }
            return total;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
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
