import java.util.function.IntToLongFunction;

public class Splitter {
    public static long sumInParallel(int n, int threads, IntToLongFunction f) throws InterruptedException {
        long[] partial = new long[threads];
        int base = n / threads;
        int extra = n % threads;
        int from = 0;
        for (int t = 0; t < threads; t++) {
            int part = t;
            int start = from;
            int end = start + base + (t < extra ? 1 : 0);
            from = end;
            Thread worker = new Thread(() -> {
                long sum = 0;
                for (int i = start; i < end; i++) {
                    sum += f.applyAsLong(i);
                }
                partial[part] = sum;
            });
            worker.start();
            worker.join();      // waits for this thread before starting the next one
        }
        long total = 0;
        for (long p : partial) {
            total += p;
        }
        return total;
    }
}
