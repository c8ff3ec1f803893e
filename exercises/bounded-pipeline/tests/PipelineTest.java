import org.junit.jupiter.api.Test;
import threadmark.check.Blocking;
import threadmark.check.BusyWait;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class PipelineTest {

    private static List<Integer> items(int count) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(i);
        }
        return items;
    }

    private static Function<Integer, Integer> sleeping(long millis, AtomicInteger inFlight, AtomicInteger peak,
                                                       Set<Thread> callers) {
        return x -> {
            callers.add(Thread.currentThread());
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return x;
        };
    }

    @Test
    void eachItemIsProcessedExactlyOnce() throws Exception {
        AtomicIntegerArray calls = new AtomicIntegerArray(500);
        List<Integer> results = Pipeline.process(items(500), 4, 8, x -> {
            calls.incrementAndGet(x);
            return x;
        });
        for (int i = 0; i < 500; i++) {
            if (calls.get(i) != 1) {
                fail("item " + i + " was processed " + calls.get(i) + " times; each item must be processed exactly once");
            }
        }
        assertEquals(500, results.size(), "one result per item");
    }

    @Test
    void workersRunAtTheSameTime() throws Exception {
        AtomicInteger peak = new AtomicInteger();
        Pipeline.process(items(40), 4, 4, sleeping(30, new AtomicInteger(), peak, ConcurrentHashMap.newKeySet()));
        if (peak.get() != 4) {
            fail("with 4 workers, at most " + peak.get() + " call(s) of work ran at the same time; start `workers` "
                    + "consumer threads that all take from the queue.");
        }
    }

    @Test
    void nothingSpinsWhileWaiting() throws Exception {
        Function<Integer, Integer> idle = sleeping(0, new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet());
        Pipeline.process(items(8), 4, 2, idle);
        // A slow source: each item takes 100 ms to produce, so the workers have nothing to do most of the time.
        List<Integer> slowSource = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                Blocking.sleep(100);
                return index;
            }

            @Override
            public int size() {
                return 5;
            }
        };
        BusyWait.assertIdleWhile("for a slow producer", 0.3, () -> Pipeline.process(slowSource, 4, 2, idle));
    }

    @Test
    void leavesNoThreadsBehind() throws Exception {
        ThreadCensus census = ThreadCensus.take();
        Pipeline.process(items(20), 4, 4, sleeping(5, new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet()));
        census.assertNoneLeftRunning("process", Duration.ofSeconds(1), "Tell every worker to stop (one poison pill "
                + "per worker) and join() them before returning.");
    }
}
