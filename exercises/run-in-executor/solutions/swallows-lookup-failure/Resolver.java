import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** Known-bad: catches a failing lookup's exception inside the task: the future completes normally without that host. */
public class Resolver {
    public static CompletableFuture<Map<String, String>> resolveAll(List<String> hosts, Function<String, String> lookup) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, String> addresses = new ConcurrentHashMap<>();
        CompletableFuture<?>[] lookups = new CompletableFuture<?>[hosts.size()];
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            lookups[i] = CompletableFuture.runAsync(() -> {
                try {
                    addresses.put(host, lookup.apply(host));
                } catch (RuntimeException e) {
                    System.err.println("lookup of " + host + " failed: " + e.getMessage()); // and the others go on
                }
            }, pool);
        }
        return CompletableFuture.allOf(lookups)
                .whenComplete((done, failure) -> pool.shutdown())
                .thenApply(done -> new HashMap<>(addresses));
    }
}
