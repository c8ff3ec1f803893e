import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Known-bad: the last lookup to finish completes the future; with no hosts there is no lookup, so it never completes. */
public class Resolver {
    public static CompletableFuture<Map<String, String>> resolveAll(List<String> hosts, Function<String, String> lookup) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
        Map<String, String> addresses = new ConcurrentHashMap<>();
        AtomicInteger pending = new AtomicInteger(hosts.size());
        for (String host : hosts) {
            CompletableFuture.supplyAsync(() -> lookup.apply(host), pool).whenComplete((address, failure) -> {
                if (failure != null) {
                    pool.shutdown();
                    result.completeExceptionally(failure.getCause() != null ? failure.getCause() : failure);
                    return;
                }
                addresses.put(host, address);
                if (pending.decrementAndGet() == 0) {
                    pool.shutdown();
                    result.complete(new HashMap<>(addresses));
                }
            });
        }
        return result;
    }
}
