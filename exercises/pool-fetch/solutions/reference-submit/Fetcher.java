import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Another correct shape: submit one task per url, read the futures in url order, shut the pool down in finally. */
public class Fetcher {
    public static List<String> fetchAll(List<String> urls, int parallelism, Function<String, String> client)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<String>> pending = new ArrayList<>();
            for (String url : urls) {
                pending.add(pool.submit(() -> client.apply(url)));
            }
            List<String> responses = new ArrayList<>();
            for (Future<String> response : pending) {
                responses.add(response.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
