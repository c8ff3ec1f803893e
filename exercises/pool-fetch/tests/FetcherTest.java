import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class FetcherTest {

    /** A fake blocking HTTP client owned by the test: it records who calls it and how many calls overlap. */
    static final class RecordingClient implements Function<String, String> {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final Set<Thread> callers = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public String apply(String url) {
            callers.add(Thread.currentThread());
            calls.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return "response of " + url;
        }
    }

    private static List<String> urls(int count) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add("https://example.org/item/" + i);
        }
        return urls;
    }

    private static RecordingClient fetch(int urls, int parallelism) throws Exception {
        RecordingClient client = new RecordingClient();
        List<String> responses = Fetcher.fetchAll(urls(urls), parallelism, client);
        assertEquals(urls, responses.size(), "one response per url");
        return client;
    }

    @Test
    void callsEveryUrlExactlyOnce() throws Exception {
        RecordingClient client = fetch(30, 3);
        for (String url : urls(30)) {
            int times = client.calls.getOrDefault(url, new AtomicInteger()).get();
            if (times != 1) {
                fail(url + " was fetched " + times + " times; every url must be fetched exactly once");
            }
        }
    }

    @Test
    void peakInFlightIsExactlyParallelism() throws Exception {
        RecordingClient client = fetch(40, 4);
        int peak = client.peak.get();
        if (peak > 4) {
            fail(peak + " calls were in flight at once with parallelism 4: the pool is not bounded. "
                    + "Use a fixed pool of `parallelism` threads (a cached pool grows without limit).");
        }
        if (peak < 4) {
            fail("at most " + peak + " call(s) were in flight at once with parallelism 4: the calls wait on the network, "
                    + "so run `parallelism` of them at the same time on a pool.");
        }
    }

    @Test
    void usesNoMoreThreadsThanParallelism() throws Exception {
        RecordingClient client = fetch(40, 4);
        if (client.callers.size() > 4) {
            fail(client.callers.size() + " different threads called the client with parallelism 4. "
                    + "Reuse `parallelism` threads: a fixed thread pool.");
        }
    }

    @Test
    void leavesNoThreadsBehind() throws Exception {
        RecordingClient client = fetch(20, 4);
        long deadline = System.nanoTime() + 1_000_000_000L;
        for (Thread caller : client.callers) {
            if (caller == Thread.currentThread()) {
                continue;
            }
            caller.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        List<String> alive = client.callers.stream()
                .filter(t -> t != Thread.currentThread() && t.isAlive())
                .map(Thread::getName)
                .sorted()
                .toList();
        if (!alive.isEmpty()) {
            fail("1 s after fetchAll returned, these pool threads were still alive: " + alive + ". Shut the pool down "
                    + "(try-with-resources, or shutdown() in a finally block) so its threads end.");
        }
    }
}
