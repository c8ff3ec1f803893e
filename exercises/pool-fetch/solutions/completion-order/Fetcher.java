import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

public class Fetcher {
    public static List<String> fetchAll(List<String> urls, int parallelism, Function<String, String> client)
            throws InterruptedException, ExecutionException {
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            ExecutorCompletionService<String> done = new ExecutorCompletionService<>(pool);
            for (String url : urls) {
                done.submit(() -> client.apply(url));
            }
            List<String> responses = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                responses.add(done.take().get());
            }
            return responses;
        }
    }
}
