import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

public class Limiter {
    private final int permits;

    public Limiter(int permits) {
        this.permits = permits;
    }

    public <T> T call(Callable<T> task) throws Exception {
        Semaphore semaphore = new Semaphore(permits);
        semaphore.acquire();
        try {
            return task.call();
        } finally {
            semaphore.release();
        }
    }
}
