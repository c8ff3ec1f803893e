import java.util.ArrayList;
import java.util.List;

public class PrimeCounter {

    private static long total;

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        total = 0;
        if (to <= from) {
            return 0;
        }
        long size = to - from;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long start = from + size * i / threads;
            long end = from + size * (i + 1) / threads;
            workers.add(new Thread(() -> {
                for (long n = start; n < end; n++) {
                    checkAndCount(n);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        return total;
    }

    // Safe, but the lock is held while testing the number: only one thread works at a time.
    private static synchronized void checkAndCount(long n) {
        if (isPrime(n)) {
            total++;
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
