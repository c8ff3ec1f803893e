import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

public class Resolver {
    /**
     * Looks up every host with the blocking {@code lookup} and completes with host -> address.
     * This version does all the lookups, one after another, before it returns: make it return at once.
     */
    public static CompletableFuture<Map<String, String>> resolveAll(List<String> hosts, Function<String, String> lookup) {
        Map<String, String> addresses = new HashMap<>();
        for (String host : hosts) {
            addresses.put(host, lookup.apply(host));
        }
        return CompletableFuture.completedFuture(addresses);
    }
}
