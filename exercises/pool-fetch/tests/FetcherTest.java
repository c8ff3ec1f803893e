import org.junit.jupiter.api.Test;
import threadmark.check.Blocking;
import threadmark.check.CallRecorder;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

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
        // The first calls wait (up to 3 s in all) until 4 are in flight, so a pool of 4 reaches 4 however slowly a
        // busy machine starts its threads; a bound that lets more through shows it all the same.
        CountDownLatch fourInFlight = new CountDownLatch(4);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        CallRecorder<String, String> client = CallRecorder.of(url -> {
            fourInFlight.countDown();
            try {
                fourInFlight.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Blocking.sleep(40);
            return "response of " + url;
        });
        List<String> responses = Fetcher.fetchAll(urls(40), 4, client);
        assertEquals(40, responses.size(), "one response per url");
        int peak = client.peakInFlight();
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

    /** The url whose fetch fails in the failure tests, and the exception it throws. */
    private static final String FAILING_URL = "https://example.org/item/7";

    private static CallRecorder<String, String> clientFailingAt(RuntimeException failure) {
        return CallRecorder.blocking(20, url -> {
            if (url.equals(FAILING_URL)) {
                throw failure;
            }
            return "response of " + url;
        });
    }

    @Test
    void failingFetchThrowsExecutionException() throws Exception {
        IllegalStateException failure = new IllegalStateException("503 Service Unavailable from " + FAILING_URL);
        List<String> responses;
        try {
            responses = Fetcher.fetchAll(urls(16), 4, clientFailingAt(failure));
        } catch (ExecutionException thrown) {
            for (Throwable cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
                if (cause == failure) {
                    return;
                }
            }
            fail("fetching " + FAILING_URL + " threw " + failure + ", and fetchAll threw an ExecutionException whose "
                    + "cause is " + thrown.getCause() + ": its cause must be the client's own exception, as Future.get() gives it.");
            return;
        } catch (RuntimeException thrown) {
            fail("fetching " + FAILING_URL + " threw " + failure + ", and fetchAll threw " + thrown + " instead of the "
                    + "ExecutionException its signature declares: let Future.get()'s ExecutionException propagate.");
            return;
        }
        fail("fetching " + FAILING_URL + " threw " + failure + ", yet fetchAll returned " + responses.size()
                + " responses as if nothing had happened: let the ExecutionException from Future.get() reach the caller "
                + "(do not catch it and return null or skip the url).");
    }

    @Test
    void failingFetchLeavesNoThreadsBehind() throws Exception {
        IllegalStateException failure = new IllegalStateException("503 Service Unavailable from " + FAILING_URL);
        ThreadCensus census = ThreadCensus.take();
        String ending;
        try {
            Fetcher.fetchAll(urls(16), 4, clientFailingAt(failure));
            ending = "returned";
        } catch (Exception thrown) {
            ending = "threw " + thrown.getClass().getSimpleName();
        }
        census.assertNoneLeftRunning("fetchAll (it " + ending + " on a failed fetch)", Duration.ofSeconds(1),
                "The pool must be shut down however fetchAll ends: with try-with-resources, or shutdown() in a finally "
                        + "block, not after the last get(), which a failure skips.");
    }
}
