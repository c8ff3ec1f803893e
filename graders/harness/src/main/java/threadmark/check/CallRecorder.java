package threadmark.check;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A function owned by the test that student code calls (a fake HTTP client, a unit of work): it records who calls
 * it and how calls overlap, which tells apart a fixed pool, an unbounded pool, raw threads, virtual threads,
 * a blocked common pool and sequential code.
 <p>
 * Example: lookups that block for 40 ms must run side by side on virtual threads:
 * <pre>{@code
 * CallRecorder<String, String> lookup = CallRecorder.blocking(40, url -> "response of " + url);
 * Fetcher.fetchAll(urls, lookup);
 * assertTrue(lookup.peakInFlight() >= 10, "only " + lookup.peakInFlight() + " lookups ran at the same time");
 * assertEquals(lookup.calls(), lookup.callsOnVirtualThreads(), "run each blocking call on a virtual thread");
 * }</pre>
 */
public final class CallRecorder<T, R> implements Function<T, R> {

    private final Function<? super T, ? extends R> body;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger onCommonPool = new AtomicInteger();
    private final AtomicInteger onVirtual = new AtomicInteger();
    private final Set<Thread> callers = ConcurrentHashMap.newKeySet();
    private final Map<T, AtomicInteger> perArgument = new ConcurrentHashMap<>();

    private CallRecorder(Function<? super T, ? extends R> body) {
        this.body = body;
    }

    /** Records calls of {@code body}, which does the work itself (it may block, throw, or count). */
    public static <T, R> CallRecorder<T, R> of(Function<? super T, ? extends R> body) {
        return new CallRecorder<>(body);
    }

    /** A recorder whose calls block for {@code millis} (like a network call) and then return {@code answer}. */
    public static <T, R> CallRecorder<T, R> blocking(long millis, Function<? super T, ? extends R> answer) {
        return new CallRecorder<>(argument -> {
            Blocking.sleep(millis);
            return answer.apply(argument);
        });
    }

    @Override
    public R apply(T argument) {
        Thread caller = Thread.currentThread();
        callers.add(caller);
        total.incrementAndGet();
        if (argument != null) {
            perArgument.computeIfAbsent(argument, a -> new AtomicInteger()).incrementAndGet();
        }
        if (caller.isVirtual()) {
            onVirtual.incrementAndGet();
        }
        if (caller instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool()) {
            onCommonPool.incrementAndGet();
        }
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            return body.apply(argument);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The most calls that were running at the same moment. */
    public int peakInFlight() {
        return peak.get();
    }

    /** How many calls have started so far. */
    public int calls() {
        return total.get();
    }

    /** How many calls were made with an argument equal to {@code argument} (a job done twice shows here). */
    public int callsWith(T argument) {
        AtomicInteger count = perArgument.get(argument);
        return count == null ? 0 : count.get();
    }

    /** Every distinct thread that called, the test's own thread included if it called. */
    public Set<Thread> callers() {
        return Set.copyOf(callers);
    }

    /** How many different threads made calls. */
    public int distinctCallers() {
        return callers.size();
    }

    /** How many calls ran on virtual threads. */
    public int callsOnVirtualThreads() {
        return onVirtual.get();
    }

    /** Calls made on a worker of {@link ForkJoinPool#commonPool()}: blocking there starves every parallel stream and async task. */
    public int callsOnCommonPool() {
        return onCommonPool.get();
    }

    /** Whether every call so far came from {@code thread} (e.g. the caller itself: nothing ran in parallel). */
    public boolean calledOnlyFrom(Thread thread) {
        return callers.size() == 1 && callers.contains(thread);
    }
}
