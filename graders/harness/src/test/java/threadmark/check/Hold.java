package threadmark.check;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** For tests that hold a lock a while so that another thread runs into it. */
final class Hold {

    private Hold() {
    }

    /**
     * Holds on for the whole time: a bare parkNanos may return at once on an unpark permit a start line's barrier
     * left behind, and a lock taken and let go at once makes no deadlock.
     */
    static void forMillis(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
