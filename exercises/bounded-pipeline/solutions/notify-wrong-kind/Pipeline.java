import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

public class Pipeline {
    private static final Object STOP = new Object();

    /** A bounded buffer on one monitor: producer and consumers wait in the same wait set. */
    static final class Buffer {
        private final ArrayDeque<Object> items = new ArrayDeque<>();
        private final int capacity;

        Buffer(int capacity) {
            this.capacity = capacity;
        }

        synchronized void put(Object item) throws InterruptedException {
            while (items.size() == capacity) {
                wait();
            }
            items.add(item);
            notify();
        }

        synchronized Object take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
            Object item = items.remove();
            notify();
            return item;
        }
    }

    public static List<Integer> process(List<Integer> items, int workers, int capacity,
                                        Function<Integer, Integer> work) throws InterruptedException {
        Buffer queue = new Buffer(capacity);
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread consumer = new Thread(() -> {
                try {
                    for (Object next = queue.take(); next != STOP; next = queue.take()) {
                        results.add(work.apply((Integer) next));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            consumers.add(consumer);
            consumer.start();
        }
        for (Integer item : items) {
            queue.put(item);
        }
        for (int i = 0; i < workers; i++) {
            queue.put(STOP);
        }
        for (Thread consumer : consumers) {
            consumer.join();
        }
        return new ArrayList<>(results);
    }
}
