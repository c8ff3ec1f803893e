import java.util.ArrayList;
import java.util.List;

public class PrimeCounter {

    private static volatile long sink;

    public static long countPrimes(long from, long to, int threads) throws InterruptedException {
        // Decoys keep the other CPUs busy, so "how many CPUs were busy" looks right; the caller counts alone.
        boolean[] stop = {false};
        List<Thread> decoys = new ArrayList<>();
        for (int i = 1; i < threads; i++) {
            decoys.add(Thread.ofPlatform().start(() -> {
                long x = 1;
                while (!stopped(stop)) {
                    for (int j = 0; j < 10_000; j++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                }
                sink = x;
            }));
        }
        long count = countSequentially(from, to);
        synchronized (stop) {
            stop[0] = true;
        }
        for (Thread decoy : decoys) {
            decoy.join();
        }
        return count;
    }

    private static boolean stopped(boolean[] stop) {
        synchronized (stop) {
            return stop[0];
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
