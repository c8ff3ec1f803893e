import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public class Gate {
    private final CountDownLatch latch = new CountDownLatch(1);

    public Gate() {
    }

    public void open() {
        latch.countDown();
    }

    public boolean isOpen() {
        return latch.getCount() == 0;
    }

    public void await() throws InterruptedException {
        latch.await();
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return latch.await(timeout, unit);
    }
}
