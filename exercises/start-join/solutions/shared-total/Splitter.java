import java.util.function.IntToLongFunction;

public class Splitter {
    private static long total;

    public static long sumInParallel(int n, int threads, IntToLongFunction f) throws InterruptedException {
        total = 0;
        Thread[] workers = new Thread[threads];
        int base = n / threads;
        int extra = n % threads;
        int from = 0;
        for (int t = 0; t < threads; t++) {
            int start = from;
            int end = start + base + (t < extra ? 1 : 0);
            from = end;
            workers[t] = new Thread(() -> {
                for (int i = start; i < end; i++) {
                    total += f.applyAsLong(i);   // every thread adds to one shared field, unsynchronized
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return total;
    }
}
