import java.util.concurrent.TimeUnit;

public class Gate {
    private final Object lock = new Object();
    private volatile boolean opened;   // only for isOpen()

    public Gate() {
    }

    public void open() {
        opened = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    public boolean isOpen() {
        return opened;
    }

    // Waits for the notification instead of for the state: a notifyAll() sent before the wait is lost.
    public void await() throws InterruptedException {
        synchronized (lock) {
            lock.wait();
        }
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        synchronized (lock) {
            lock.wait(Math.max(1, unit.toMillis(timeout)));
        }
        return opened;
    }
}
