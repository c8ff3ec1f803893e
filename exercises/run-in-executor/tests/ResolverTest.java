import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import threadmark.check.Blocking;
import threadmark.check.CallRecorder;
import threadmark.check.Liveness;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResolverTest {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(2);
    private static final long COMPLETION_LIMIT_SECONDS = 10;

    private static List<String> hosts(int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(String.format("host-%02d.example", i));
        }
        return hosts;
    }

    private static String addressOf(String host) {
        return "10.0.0." + Integer.parseInt(host.substring(5, 7));
    }

    private static Map<String, String> expected(List<String> hosts) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String host : hosts) {
            table.put(host, addressOf(host));
        }
        return table;
    }

    /** A lookup that waits (like a DNS query) until the test opens the gate; never longer than 10 s. */
    private static CallRecorder<String, String> gatedLookup(CountDownLatch gate) {
        return CallRecorder.of(host -> {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return addressOf(host);
        });
    }

    /** Calls resolveAll on a helper thread, failing with a reason if the call itself does not return within 2 s. */
    private static CompletableFuture<Map<String, String>> callResolveAll(List<String> hosts,
                                                                        CallRecorder<String, String> lookup) throws Exception {
        CompletableFuture<Map<String, String>> future;
        try {
            future = Liveness.callWithin("resolveAll(" + hosts.size() + " hosts)", CALL_LIMIT,
                    () -> Resolver.resolveAll(hosts, lookup));
        } catch (RuntimeException e) {
            throw new AssertionError("resolveAll(" + hosts.size() + " hosts) threw " + e + " itself instead of "
                    + "returning a CompletableFuture. It must return at once, before any lookup is done, and a failing "
                    + "lookup must fail the returned future instead (get() then throws an ExecutionException whose "
                    + "cause is the lookup's exception).", e);
        }
        if (future == null) {
            fail("resolveAll returned null; it must return a CompletableFuture that the lookups complete later");
        }
        return future;
    }

    private static Map<String, String> await(CompletableFuture<Map<String, String>> future, String what) throws Exception {
        try {
            return future.get(COMPLETION_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the future of resolveAll(" + what + ") had not completed " + COMPLETION_LIMIT_SECONDS
                    + " s after the call although every lookup takes milliseconds: complete it when the last lookup "
                    + "is done (CompletableFuture.allOf(...).thenApply(...) does that).");
        }
    }

    /**
     * Starts the JDK's helper threads for virtual threads (carrier, delay scheduler) before any census: a solution
     * that uses a virtual thread must not be blamed for them.
     */
    @BeforeAll
    static void warmUp() throws InterruptedException {
        Thread.ofVirtual().start(() -> Blocking.sleep(5)).join();
    }

    @Test
    @Order(1)
    void returnsAtOnceWithoutWaitingForTheLookups() throws Exception {
        List<String> hosts = hosts(20);
        CountDownLatch gate = new CountDownLatch(1);
        CallRecorder<String, String> lookup = gatedLookup(gate);
        CompletableFuture<Map<String, String>> future;
        try {
            try {
                future = callResolveAll(hosts, lookup);
            } catch (AssertionError stuck) {
                if (lookup.callers().stream().anyMatch(t -> t.getName().equals("student-call"))) {
                    throw new AssertionError("resolveAll had not returned " + CALL_LIMIT.toSeconds() + " s after it "
                            + "was called: it calls lookup itself, on the thread that called resolveAll, and so waits "
                            + "for the network before it can return, like calling a blocking function inside an async "
                            + "one. Hand every lookup to your executor (supplyAsync(() -> lookup.apply(host), "
                            + "executor)) and return the CompletableFuture at once.");
                }
                String where = stuck.getMessage();
                int from = where.indexOf("It is ");
                int to = where.indexOf('\n', Math.max(from, 0));
                where = from >= 0 && to > from && !where.substring(from, to).contains("ResolverTest")
                        ? " " + where.substring(from, to) : "";
                throw new AssertionError("resolveAll had not returned " + CALL_LIMIT.toSeconds() + " s after it was "
                        + "called, while its 20 lookups were still waiting on the network (" + lookup.calls()
                        + " had started)." + where + "\nresolveAll waits for the lookups before it returns, like "
                        + "calling a blocking function inside an async one. Return the CompletableFuture at once and "
                        + "let the lookups complete it later: no join() or get() inside resolveAll, and no "
                        + "try-with-resources around the executor (its close() waits for every task). Shut the "
                        + "executor down when the lookups are done instead.");
            }
            if (future.isDone()) {
                fail("resolveAll returned a future that was already done (" + future + ") while all 20 lookups were "
                        + "still waiting on the network. Return a future that the lookups complete when they are done.");
            }
        } finally {
            gate.countDown();
        }
        assertEquals(expected(hosts), await(future, "20 hosts"), "the future must complete with host -> address for every host");
    }

    @Test
    @Order(2)
    void noLookupRunsOnTheCommonPool() throws Exception {
        List<String> hosts = hosts(6);
        CallRecorder<String, String> lookup = CallRecorder.blocking(20, ResolverTest::addressOf);
        Map<String, String> addresses = await(callResolveAll(hosts, lookup), "6 hosts");
        int onCommonPool = lookup.callsOnCommonPool();
        if (onCommonPool > 0) {
            List<String> threads = lookup.callers().stream().map(Thread::getName).sorted().toList();
            fail(onCommonPool + " of 6 lookups ran on the common ForkJoinPool (threads " + threads + "). "
                    + "CompletableFuture.supplyAsync(...) and runAsync(...) without an executor run there. That pool has "
                    + "about one thread per core (" + ForkJoinPool.getCommonPoolParallelism() + " here) and every "
                    + "parallel stream and async task of the program shares it: a blocking lookup holds one of its "
                    + "threads for the whole wait and stalls all that other work. It is Java's version of blocking the "
                    + "event loop in asyncio. Hand the blocking call to your own executor: "
                    + "supplyAsync(() -> lookup.apply(host), executor).");
        }
        assertEquals(expected(hosts), addresses, "the future must complete with host -> address for every host");
    }

    @Test
    @Order(3)
    void exactlyEightLookupsInFlightAtThePeak() throws Exception {
        List<String> hosts = hosts(40);
        CountDownLatch gate = new CountDownLatch(1);
        CallRecorder<String, String> lookup = gatedLookup(gate);
        CompletableFuture<CompletableFuture<Map<String, String>>> call = new CompletableFuture<>();
        // The call runs on a virtual thread of the test, so that this test does not depend on resolveAll returning at once.
        Thread.ofVirtual().name("test-caller").start(() -> {
            try {
                call.complete(Resolver.resolveAll(hosts, lookup));
            } catch (Throwable t) {
                call.completeExceptionally(t);
            }
        });
        int waitingTogether;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (lookup.calls() < 8 && System.nanoTime() < deadline) {
                Blocking.sleep(5);
            }
            if (lookup.calls() >= 8) {
                Blocking.sleep(500); // time for more lookups to start, were the executor unbounded
            }
            waitingTogether = lookup.peakInFlight();
        } finally {
            gate.countDown();
        }
        CompletableFuture<Map<String, String>> future;
        try {
            future = call.get(COMPLETION_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("resolveAll(40 hosts) had not returned " + COMPLETION_LIMIT_SECONDS + " s after it "
                    + "was called although every lookup takes milliseconds.");
        }
        if (future == null) {
            fail("resolveAll returned null; it must return a CompletableFuture that the lookups complete later");
        }
        Map<String, String> addresses = await(future, "40 hosts");
        int peak = Math.max(waitingTogether, lookup.peakInFlight());
        if (peak > 8) {
            fail(peak + " lookups were in flight at once for 40 hosts; at most 8 may be. The executor is not bounded: "
                    + "a cached pool (or a thread per lookup) starts a new thread whenever all are busy. Use a fixed "
                    + "pool of 8 threads: Executors.newFixedThreadPool(8).");
        }
        if (peak < 8) {
            fail("at most " + peak + " lookup(s) were in flight at once for 40 hosts, although every lookup just waits "
                    + "on the network; 8 should wait at the same time. Run the lookups on your own pool of 8 threads "
                    + "(Executors.newFixedThreadPool(8)): not one after another, and not on the common ForkJoinPool, "
                    + "which has only " + ForkJoinPool.getCommonPoolParallelism() + " thread(s) here.");
        }
        assertEquals(expected(hosts), addresses, "the future must complete with host -> address for every host");
    }

    @Test
    @Order(4)
    void lookupsRunOnEightThreadsOnly() throws Exception {
        List<String> hosts = hosts(40);
        CallRecorder<String, String> lookup = CallRecorder.blocking(20, ResolverTest::addressOf);
        Map<String, String> addresses = await(callResolveAll(hosts, lookup), "40 hosts");
        int threads = lookup.distinctCallers();
        if (threads > 8) {
            fail(threads + " different threads ran the 40 lookups; your executor has 8 threads, which take one lookup "
                    + "after another. A thread per lookup (even with at most 8 running at a time) costs a thread "
                    + "start and a stack for every host: hand the lookups to one pool of 8 threads, "
                    + "Executors.newFixedThreadPool(8).");
        }
        assertEquals(expected(hosts), addresses, "the future must complete with host -> address for every host");
    }

    @Test
    @Order(5)
    void failingLookupFailsTheFuture() throws Exception {
        List<String> hosts = hosts(12);
        IllegalStateException lookupFailure = new IllegalStateException("no address for host-05.example");
        CallRecorder<String, String> lookup = CallRecorder.of(host -> {
            Blocking.sleep(10);
            if (host.equals("host-05.example")) {
                throw lookupFailure;
            }
            return addressOf(host);
        });
        CompletableFuture<Map<String, String>> future = callResolveAll(hosts, lookup);
        Map<String, String> addresses;
        try {
            addresses = future.get(COMPLETION_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause == lookupFailure) {
                    return;
                }
            }
            throw new AssertionError("the lookup of host-05.example threw " + lookupFailure + ", but the future failed "
                    + "with " + e.getCause() + ", which does not carry it as its cause. Let the lookup's exception "
                    + "complete the future exceptionally (supplyAsync/runAsync do that, and allOf passes it on).", e);
        } catch (TimeoutException e) {
            throw new AssertionError("the lookup of host-05.example threw " + lookupFailure + " and the future never "
                    + "completed (" + COMPLETION_LIMIT_SECONDS + " s): a failing lookup must complete it exceptionally, "
                    + "or whoever waits on it waits forever.");
        }
        fail("the lookup of host-05.example threw " + lookupFailure + ", but the future completed normally with "
                + addresses.size() + " entries. The failure must reach whoever waits: the future must fail with the "
                + "lookup's exception as its cause (do not catch it, or pass it on with completeExceptionally).");
    }

    @Test
    @Order(6)
    void leavesNoThreadBehind() throws Exception {
        String advice = "Shut the executor down once every lookup is done, whether they succeeded or not: for example "
                + "allOf(...).whenComplete((done, failure) -> executor.shutdown()). Its idle threads then end; a pool "
                + "that is never shut down keeps 8 threads alive per call, and the program can never exit.";
        ThreadCensus census = ThreadCensus.take();
        await(callResolveAll(hosts(16), CallRecorder.blocking(10, ResolverTest::addressOf)), "16 hosts");
        census.assertNoneLeftRunning("get() on the future of resolveAll", Duration.ofSeconds(2), advice);

        ThreadCensus afterFailure = ThreadCensus.take();
        CompletableFuture<Map<String, String>> failing = callResolveAll(hosts(16), CallRecorder.of(host -> {
            Blocking.sleep(10);
            if (host.equals("host-03.example")) {
                throw new IllegalStateException("no address for " + host);
            }
            return addressOf(host);
        }));
        try {
            failing.get(COMPLETION_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // the failure itself is checked in failingLookupFailsTheFuture
        } catch (TimeoutException e) {
            throw new AssertionError("with a failing lookup, the future of resolveAll had not completed "
                    + COMPLETION_LIMIT_SECONDS + " s after the call; complete it exceptionally when a lookup fails.");
        }
        afterFailure.assertNoneLeftRunning("get() on the future of a resolveAll whose lookup of host-03.example failed",
                Duration.ofSeconds(2), "After a failed lookup too: " + advice);
    }
}
