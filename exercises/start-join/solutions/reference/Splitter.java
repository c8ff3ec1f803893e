import java.util.function.IntToLongFunction;

public class Splitter {
    public static long sumInParallel(int n, int threads, IntToLongFunction f) throws InterruptedException {
        long[] partial = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int part = t;
            // Part t is [t*n/threads, (t+1)*n/threads): sizes differ by at most one.
            int from = (int) ((long) t * n / threads);
            int to = (int) ((long) (t + 1) * n / threads);
            workers[t] = new Thread(() -> {
                long sum = 0;
                for (int i = from; i < to; i++) {
                    sum += f.applyAsLong(i);
                }
                partial[part] = sum;
            }, "splitter-" + t);
            workers[t].start();
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            total += partial[t];
        }
        return total;
    }
}
