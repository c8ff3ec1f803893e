import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

public class Pipeline {
    private static final Object STOP = new Object();

    public static List<Integer> process(List<Integer> items, int workers, int capacity,
                                        Function<Integer, Integer> work) throws InterruptedException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread consumer = new Thread(() -> {
                try {
                    for (Object next = queue.take(); next != STOP; next = queue.take()) {
                        if (work.apply((Integer) next) != null) {
                            results.add(work.apply((Integer) next));
                        }
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
