import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class ResolverBasicsTest {

    @Test
    void resolvesEveryHost() throws Exception {
        List<String> hosts = List.of("db.internal", "cache.internal", "api.example.org", "mail.example.org");
        Map<String, String> table = Map.of(
                "db.internal", "10.0.0.5",
                "cache.internal", "10.0.0.6",
                "api.example.org", "93.184.216.34",
                "mail.example.org", "93.184.216.35");
        CompletableFuture<Map<String, String>> future = Resolver.resolveAll(hosts, host -> {
            try {
                Thread.sleep(20); // a lookup waits on the network
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return table.get(host);
        });
        assertEquals(table, future.get(10, TimeUnit.SECONDS), "the future must complete with host -> address for every host");
    }

    @Test
    void noHostsGiveAnEmptyMap() throws Exception {
        CompletableFuture<Map<String, String>> future = Resolver.resolveAll(List.of(), host -> "unused");
        Map<String, String> addresses;
        try {
            addresses = future.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("resolveAll(no hosts) returned a future that was still not complete 5 s later. With no lookups, "
                    + "nothing will ever complete it from a lookup's callback: complete it when all lookups are done, "
                    + "which for none is at once (CompletableFuture.allOf() of no futures is already complete).");
            return;
        }
        assertEquals(Map.of(), addresses, "resolving no hosts completes with an empty map");
    }
}
