import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Known-bad: submits every call to the pool, then hands the same calls to invokeAll as well: each url is fetched twice. */
public class Fetcher {
    public static List<String> fetchAll(List<String> urls, int parallelism, Function<String, String> client)
            throws InterruptedException, ExecutionException {
        List<Callable<String>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            for (String url : urls) {
                Callable<String> call = () -> client.apply(url);
                calls.add(call);
                pool.submit(call);
            }
            List<String> responses = new ArrayList<>();
            for (Future<String> response : pool.invokeAll(calls)) {
                responses.add(response.get());
            }
            return responses;
        }
    }
}
