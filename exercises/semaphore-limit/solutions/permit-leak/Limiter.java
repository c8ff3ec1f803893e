import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

public class Limiter {
    private final Semaphore permits;

    public Limiter(int permits) {
        this.permits = new Semaphore(permits);
    }

    public <T> T call(Callable<T> task) throws Exception {
        permits.acquire();
        T result = task.call();
        permits.release();
        return result;
    }
}
