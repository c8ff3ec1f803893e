import java.util.concurrent.Callable;

public class Limiter {

    public Limiter(int permits) {
        // TODO: remember how many tasks may run at the same time
    }

    /** Runs task on the caller's own thread, with at most `permits` tasks running at a time across all threads. */
    public <T> T call(Callable<T> task) throws Exception {
        // TODO: wait (blocked, not spinning) until fewer than `permits` tasks run, and free the slot afterwards
        return task.call();
    }
}
