import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

public class Pipeline {
    public static List<Integer> process(List<Integer> items, int workers, int capacity,
                                        Function<Integer, Integer> work) throws InterruptedException {
        Queue<Integer> queue = new ConcurrentLinkedQueue<>();
        Queue<Integer> results = new ConcurrentLinkedQueue<>();
        List<Thread> consumers = new ArrayList<>();
        boolean[] done = {false};
        for (int i = 0; i < workers; i++) {
            Thread consumer = new Thread(() -> {
                while (true) {
                    Integer next = queue.poll();
                    if (next != null) {
                        results.add(work.apply(next));
                    } else if (isDone(done)) {
                        // Items added between the empty poll and the done check are still in the queue: this
                        // known-bad spins, and loses nothing.
                        for (Integer rest = queue.poll(); rest != null; rest = queue.poll()) {
                            results.add(work.apply(rest));
                        }
                        return;
                    }
                }
            });
            consumers.add(consumer);
            consumer.start();
        }
        for (Integer item : items) {
            while (queue.size() >= capacity) {
                Thread.onSpinWait();
            }
            queue.add(item);
        }
        setDone(done);
        for (Thread consumer : consumers) {
            consumer.join();
        }
        return new ArrayList<>(results);
    }

    private static synchronized boolean isDone(boolean[] done) {
        return done[0];
    }

    private static synchronized void setDone(boolean[] done) {
        done[0] = true;
    }
}
