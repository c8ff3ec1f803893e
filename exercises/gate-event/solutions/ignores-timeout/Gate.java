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

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        await();                  // the timeout is ignored: waits as long as the gate stays closed
        return true;
    }
}
