import java.util.concurrent.TimeUnit;

public class Gate {
    private boolean open;

    public Gate() {
    }

    public synchronized void open() {
        // Flips the state: a second open() closes the gate again.
        open = !open;
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
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!open) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
