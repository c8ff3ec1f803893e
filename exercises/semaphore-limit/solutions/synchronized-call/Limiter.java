import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

public class Limiter {
    private final Semaphore permits;

    public Limiter(int permits) {
        this.permits = new Semaphore(permits);
    }

    // "synchronized to be thread-safe": but the monitor is held while the task runs.
    public synchronized <T> T call(Callable<T> task) throws Exception {
        permits.acquire();
        try {
            return task.call();
        } finally {
            permits.release();
        }
    }
}
