import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Another correct design: a virtual thread waits for the pool's results and completes the future. */
public class Resolver {
    public static CompletableFuture<Map<String, String>> resolveAll(List<String> hosts, Function<String, String> lookup) {
        CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
        List<Callable<String>> calls = new ArrayList<>();
        for (String host : hosts) {
            calls.add(() -> lookup.apply(host));
        }
        Thread.ofVirtual().name("resolver").start(() -> {
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<String>> answers = pool.invokeAll(calls);
                Map<String, String> addresses = new HashMap<>();
                for (int i = 0; i < hosts.size(); i++) {
                    addresses.put(hosts.get(i), answers.get(i).get());
                }
                result.complete(addresses);
            } catch (ExecutionException e) {
                result.completeExceptionally(e.getCause());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }
}
