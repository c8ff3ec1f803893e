import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Known-bad: reduces the results with reduce(Long::sum).orElseThrow(): no tasks throw instead of summing to 0. */
public class Gatherer {
    public static long sumAll(List<Callable<Long>> tasks) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> results = executor.invokeAll(tasks);
            return results.stream().map(Gatherer::value).reduce(Long::sum).orElseThrow();
        }
    }

    private static long value(Future<Long> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
