import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Limiter {
    private final ExecutorService pool;

    public Limiter(int permits) {
        this.pool = Executors.newFixedThreadPool(permits);
    }

    public <T> T call(Callable<T> task) throws Exception {
        return pool.submit(task).get();
    }
}
