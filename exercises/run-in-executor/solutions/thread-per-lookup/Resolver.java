import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Known-bad: a new platform thread per lookup, with a semaphore of 8 permits: 8 lookups at a time, but as many threads
 * as hosts instead of an executor of 8.
 */
public class Resolver {
    public static CompletableFuture<Map<String, String>> resolveAll(List<String> hosts, Function<String, String> lookup) {
        Semaphore permits = new Semaphore(8);
        Executor threadPerLookup = task -> Thread.ofPlatform().start(() -> {
            permits.acquireUninterruptibly();
            try {
                task.run();
            } finally {
                permits.release();
            }
        });
        Map<String, String> addresses = new ConcurrentHashMap<>();
        CompletableFuture<?>[] lookups = new CompletableFuture<?>[hosts.size()];
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            lookups[i] = CompletableFuture.runAsync(() -> addresses.put(host, lookup.apply(host)), threadPerLookup);
        }
        return CompletableFuture.allOf(lookups).thenApply(done -> new HashMap<>(addresses));
    }
}
