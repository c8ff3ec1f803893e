import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class PrimeCounter {

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        if (to <= from) {
            return 0;
        }
        // Sixteen chunks per thread, handed out by a fixed pool: whoever is free takes the next one.
        int chunks = threads * 16;
        long size = to - from;
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            long start = from + size * i / chunks;
            long end = from + size * (i + 1) / chunks;
            tasks.add(() -> countSequentially(start, end));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long total = 0;
            for (Future<Long> part : pool.invokeAll(tasks)) {
                total += part.get();
            }
            return total;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
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
