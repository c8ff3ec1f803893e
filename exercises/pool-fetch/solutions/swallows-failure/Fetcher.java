import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Known-bad: a url whose fetch fails gets a null response; the caller never hears of the failure. */
public class Fetcher {
    public static List<String> fetchAll(List<String> urls, int parallelism, Function<String, String> client)
            throws InterruptedException, ExecutionException {
        List<Callable<String>> calls = new ArrayList<>();
        for (String url : urls) {
            calls.add(() -> client.apply(url));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            List<String> responses = new ArrayList<>();
            for (Future<String> response : pool.invokeAll(calls)) {
                try {
                    responses.add(response.get());
                } catch (ExecutionException e) {
                    responses.add(null);
                }
            }
            return responses;
        }
    }
}
