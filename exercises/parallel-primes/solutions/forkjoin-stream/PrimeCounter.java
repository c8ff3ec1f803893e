import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;

public class PrimeCounter {

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        if (to <= from) {
            return 0;
        }
        // A parallel stream runs on the pool that starts it: a pool of our own with `threads` workers.
        try (ForkJoinPool pool = new ForkJoinPool(threads)) {
            return pool.submit(() -> LongStream.range(from, to).parallel().filter(PrimeCounter::isPrime).count()).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
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
