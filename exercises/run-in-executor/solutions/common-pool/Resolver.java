import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

public class Resolver {
    public static CompletableFuture<Map<String, String>> resolveAll(List<String> hosts, Function<String, String> lookup) {
        Map<String, CompletableFuture<String>> lookups = new HashMap<>();
        for (String host : hosts) {
            lookups.put(host, CompletableFuture.supplyAsync(() -> lookup.apply(host)));
        }
        return CompletableFuture.allOf(lookups.values().toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            Map<String, String> addresses = new HashMap<>();
            lookups.forEach((host, address) -> addresses.put(host, address.join()));
            return addresses;
        });
    }
}
