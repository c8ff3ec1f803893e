import java.util.function.IntToLongFunction;

public class Splitter {
    /**
     * Sum of f(i) for i in [0, n), computed by exactly `threads` new threads, each summing one contiguous part
     * (parts differ in size by at most one; when n < threads some parts are empty). Every thread is started
     * with Thread.start() and joined before the method returns.
     */
    public static long sumInParallel(int n, int threads, IntToLongFunction f) throws InterruptedException {
        // Sequential for now: split [0, n) into `threads` parts and give each part to its own thread.
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += f.applyAsLong(i);
        }
        return sum;
    }
}
