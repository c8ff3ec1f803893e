import java.util.concurrent.TimeUnit;

public class Gate {
    private volatile boolean open;

    public Gate() {
    }

    public void open() {
        open = true;
    }

    public boolean isOpen() {
        return open;
    }

    public void await() throws InterruptedException {
        while (!open) {                       // spins: a whole CPU per waiting thread
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!open) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
