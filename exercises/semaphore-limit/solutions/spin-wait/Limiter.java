import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

public class Limiter {
    private final AtomicInteger free;

    public Limiter(int permits) {
        this.free = new AtomicInteger(permits);
    }

    public <T> T call(Callable<T> task) throws Exception {
        while (true) {
            int now = free.get();
            if (now > 0 && free.compareAndSet(now, now - 1)) {
                break;
            }
            Thread.onSpinWait();
        }
        try {
            return task.call();
        } finally {
            free.incrementAndGet();
        }
    }
}
