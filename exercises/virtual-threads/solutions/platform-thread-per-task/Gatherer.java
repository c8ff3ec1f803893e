import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class Gatherer {
    public static long sumAll(List<Callable<Long>> tasks) throws Exception {
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            long sum = 0;
            for (Future<Long> result : executor.invokeAll(tasks)) {
                sum += result.get();
            }
            return sum;
        }
    }
}
