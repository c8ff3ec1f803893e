import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Known-bad: allOf waits for the lookups, but the addresses are put into the map by separate thenAccept stages that
 * allOf does not wait for: the map is copied before the last address is in.
 */
public class Resolver {
    public static CompletableFuture<Map<String, String>> resolveAll(List<String> hosts, Function<String, String> lookup) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, String> addresses = new ConcurrentHashMap<>();
        CompletableFuture<?>[] lookups = new CompletableFuture<?>[hosts.size()];
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            lookups[i] = CompletableFuture.supplyAsync(() -> lookup.apply(host), pool);
            lookups[i].thenAccept(address -> addresses.put(host, (String) address));
        }
        return CompletableFuture.allOf(lookups)
                .whenComplete((done, failure) -> pool.shutdown())
                .thenApply(done -> new HashMap<>(addresses));
    }
}
