import java.util.concurrent.Callable;

public class Limiter {
    private final int permits;

    public Limiter(int permits) {
        this.permits = permits;
    }

    public <T> T call(Callable<T> task) throws Exception {
        return task.call();
    }
}
