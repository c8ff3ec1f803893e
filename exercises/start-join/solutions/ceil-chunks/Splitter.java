import java.util.function.IntToLongFunction;

public class Splitter {
    public static long sumInParallel(int n, int threads, IntToLongFunction f) throws InterruptedException {
        long[] partial = new long[threads];
        Thread[] workers = new Thread[threads];
        int chunk = (n + threads - 1) / threads;   // round up so nothing is lost...
        for (int t = 0; t < threads; t++) {
            int part = t;
            int start = Math.min(n, t * chunk);
            int end = Math.min(n, start + chunk);  // ...but the last part gets what is left: 3, 3, 3, 1
            workers[t] = new Thread(() -> {
                long sum = 0;
                for (int i = start; i < end; i++) {
                    sum += f.applyAsLong(i);
                }
                partial[part] = sum;
            });
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
