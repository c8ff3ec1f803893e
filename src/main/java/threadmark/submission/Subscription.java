package threadmark.submission;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** One follower of a submission's gradings: it waits, without touching the database, until something changed. */
public final class Subscription implements AutoCloseable {

    /** What woke a follower. */
    public enum Change {
        /** The submission's own grading changed (or may have: the listener reconnected): read it again. */
        OWN,
        /** Another grading entered or left the queue: a queued grading's position may have moved. */
        QUEUE,
        /** Nothing within the time asked for, or the subscription was closed. */
        NONE
    }

    final long submissionId;
    private final Consumer<Subscription> onClose;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean own = new AtomicBoolean();
    private final AtomicBoolean queue = new AtomicBoolean();
    private volatile boolean closed;

    Subscription(long submissionId, Consumer<Subscription> onClose) {
        this.submissionId = submissionId;
        this.onClose = onClose;
    }

    void ownChanged() {
        own.set(true);
        wake.release();
    }

    void queueMoved() {
        queue.set(true);
        wake.release();
    }

    /** Waits until this submission's grading or the queue changed, at most {@code max}; own changes come first. */
    public Change await(Duration max) throws InterruptedException {
        if (!own.get() && !queue.get() && !closed) {
            wake.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS);
        }
        wake.drainPermits();
        if (closed) {
            return Change.NONE;
        }
        if (own.getAndSet(false)) {
            queue.set(false); // a fresh read of its own grading takes the queue as it is now
            return Change.OWN;
        }
        return queue.getAndSet(false) ? Change.QUEUE : Change.NONE;
    }

    /** Ends the subscription and wakes its follower, who then sees {@link Change#NONE}. */
    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
        wake.release();
    }

    public boolean isClosed() {
        return closed;
    }
}
