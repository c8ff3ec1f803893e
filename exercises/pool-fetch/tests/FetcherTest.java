import org.junit.jupiter.api.Test;
import threadmark.check.CallRecorder;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class FetcherTest {

    /** A fake blocking HTTP client owned by the test: it records who calls it and how many calls overlap. */
    private static CallRecorder<String, String> client() {
        return CallRecorder.blocking(40, url -> "response of " + url);
    }

    private static List<String> urls(int count) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add("https://example.org/item/" + i);
        }
        return urls;
    }

    private static CallRecorder<String, String> fetch(int urls, int parallelism) throws Exception {
        CallRecorder<String, String> client = client();
        List<String> responses = Fetcher.fetchAll(urls(urls), parallelism, client);
        assertEquals(urls, responses.size(), "one response per url");
        return client;
    }

    @Test
    void callsEveryUrlExactlyOnce() throws Exception {
        CallRecorder<String, String> client = fetch(30, 3);
        for (String url : urls(30)) {
            int times = client.callsWith(url);
            if (times != 1) {
                fail(url + " was fetched " + times + " times; every url must be fetched exactly once");
            }
        }
    }

    @Test
    void peakInFlightIsExactlyParallelism() throws Exception {
        int peak = fetch(40, 4).peakInFlight();
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
        int callers = fetch(40, 4).distinctCallers();
        if (callers > 4) {
            fail(callers + " different threads called the client with parallelism 4. "
                    + "Reuse `parallelism` threads: a fixed thread pool.");
        }
    }

    @Test
    void leavesNoThreadsBehind() throws Exception {
        ThreadCensus census = ThreadCensus.take();
        fetch(20, 4);
        census.assertNoneLeftRunning("fetchAll", Duration.ofSeconds(1), "Shut the pool down (try-with-resources, or "
                + "shutdown() in a finally block) so its threads end.");
    }
}
