import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

public class Resolver {
    public static CompletableFuture<Map<String, String>> resolveAll(List<String> hosts, Function<String, String> lookup) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Map<String, CompletableFuture<String>> lookups = new HashMap<>();
            for (String host : hosts) {
                lookups.put(host, CompletableFuture.supplyAsync(() -> lookup.apply(host), pool));
            }
            Map<String, String> addresses = new HashMap<>();
            lookups.forEach((host, address) -> addresses.put(host, address.join()));
            return CompletableFuture.completedFuture(addresses);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e.getCause() != null ? e.getCause() : e);
        } finally {
            pool.shutdown();
        }
    }
}
