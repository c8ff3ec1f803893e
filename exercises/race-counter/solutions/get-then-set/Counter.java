import java.util.concurrent.atomic.AtomicLong;

public class Counter {
    private final AtomicLong count = new AtomicLong();

    public void increment() {
        count.set(count.get() + 1);
    }

    public long get() {
        return count.get();
    }
}
