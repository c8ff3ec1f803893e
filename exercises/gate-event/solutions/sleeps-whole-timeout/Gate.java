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

    /** Sleeps out the whole timeout, then looks: right at the end, but never "as soon as the gate opens". */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (isOpen()) {
            return true;
        }
        unit.sleep(timeout);
        return isOpen();
    }
}
