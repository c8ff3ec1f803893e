import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

public class Pipeline {
    public static List<Integer> process(List<Integer> items, int workers, int capacity,
                                        Function<Integer, Integer> work) throws InterruptedException {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(capacity);
        BlockingQueue<Integer> results = new LinkedBlockingQueue<>();
        for (int i = 0; i < workers; i++) {
            Thread consumer = new Thread(() -> {
                try {
                    while (true) {
                        results.put(work.apply(queue.take()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            consumer.setDaemon(true);
            consumer.start();
        }
        for (Integer item : items) {
            queue.put(item);
        }
        List<Integer> collected = new ArrayList<>();
        while (collected.size() < items.size()) {
            collected.add(results.take());
        }
        return collected;
    }
}
