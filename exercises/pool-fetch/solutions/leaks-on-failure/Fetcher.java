import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Known-bad: shuts the pool down after the last get(), not in a finally block: a failed fetch leaves its threads running. */
public class Fetcher {
    public static List<String> fetchAll(List<String> urls, int parallelism, Function<String, String> client)
            throws InterruptedException, ExecutionException {
        List<Callable<String>> calls = new ArrayList<>();
        for (String url : urls) {
            calls.add(() -> client.apply(url));
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        List<String> responses = new ArrayList<>();
        for (Future<String> response : pool.invokeAll(calls)) {
            responses.add(response.get());
        }
        pool.shutdown();
        return responses;
    }
}
