import java.util.concurrent.TimeUnit;

public class Gate {
    private boolean open;

    public Gate() {
    }

    /** Opens the gate for good and wakes every waiting thread; opening twice is harmless. */
    public void open() {
        open = true;
    }

    public boolean isOpen() {
        return open;
    }

    /** Returns at once if the gate is open, else blocks until open() is called. */
    public void await() throws InterruptedException {
        throw new UnsupportedOperationException("TODO: block until the gate is open");
    }

    /** True as soon as the gate is open; false if it is still closed after the timeout. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        throw new UnsupportedOperationException("TODO: block until the gate is open or the timeout has passed");
    }
}
