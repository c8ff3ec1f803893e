package threadmark.sandbox;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Runs a Docker call out of reach of the caller's interrupts. docker-java talks to the engine over an interruptible
 * channel: an interrupt in the middle of a call closes the connection while the engine goes on to create or start
 * the container, so the caller loses track of a container that then outlives it. The call runs on a thread of its
 * own; the caller waits for it to end and keeps its interrupt for its next wait.
 */
final class Uninterruptible {

    private Uninterruptible() {
    }

    static <T> T call(Supplier<T> call) {
        FutureTask<T> task = new FutureTask<>(call::get);
        Thread.ofVirtual().name("docker-call").start(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new SandboxException("a Docker call failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }
}
