import org.junit.jupiter.api.Test;
import threadmark.check.Blocking;
import threadmark.check.BusyWait;
import threadmark.check.Inconclusive;
import threadmark.check.Liveness;
import threadmark.check.ThreadCensus;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

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
        // work takes a little while, so a worker that looks at an item before another has finished with it shows.
        AtomicIntegerArray calls = new AtomicIntegerArray(200);
        Liveness.callWithin("process(200 items, 4 workers, capacity 9)", Duration.ofSeconds(10),
                () -> Pipeline.process(items(200), 4, 9, x -> {
                    calls.incrementAndGet(x);
                    Blocking.sleep(1);
                    return x;
                }));
        for (int i = 0; i < 200; i++) {
            if (calls.get(i) != 1) {
                fail("item " + i + " was processed " + calls.get(i) + " times; each item must be processed exactly "
                        + "once: call work once per item, and let exactly one worker take each item from the queue");
            }
        }
    }

    /**
     * Results must survive many workers handing them over at the same instant: work ends on a shared clock tick,
     * so every worker busy in a tick returns from work within nanoseconds of the others.
     */
    @Test
    void resultsFromWorkersFinishingTogetherAreAllKept() throws Exception {
        long tick = 100_000;
        // Evidence that workers really did hand results over together: the times a worker returned on the same tick
        // as the one before it. A loaded machine runs the workers one after another, which tests nothing.
        AtomicLong lastTick = new AtomicLong();
        AtomicLong together = new AtomicLong();
        // How many workers were inside work at once, at most: a worker the host preempted mid-call still counts, so
        // only a solution that never lets two workers work at once keeps this at 1.
        AtomicInteger inWork = new AtomicInteger();
        AtomicInteger mostInWork = new AtomicInteger();
        Function<Integer, Integer> onTheTick = x -> {
            mostInWork.accumulateAndGet(inWork.incrementAndGet(), Math::max);
            try {
                long at = (System.nanoTime() / tick + 1) * tick;
                while (System.nanoTime() < at) {
                    Thread.onSpinWait();
                }
                if (lastTick.getAndSet(at) == at) {
                    together.incrementAndGet();
                }
                return x;
            } finally {
                inWork.decrementAndGet();
            }
        };
        long needed = 1_000;
        // Rounds until a loss shows, for at least 2 rounds and until the workers were seen finishing together often
        // enough, within about 6 s.
        long end = System.nanoTime() + 6_000_000_000L;
        int round = 0;
        while (round < 2 || (together.get() < needed && round < 60 && System.nanoTime() < end)) {
            round++;
            int workers = round % 2 == 0 ? 3 : 2;
            int count = 400;
            List<Integer> results = Liveness.callWithin("process(" + count + " items, " + workers + " workers)",
                    Duration.ofSeconds(10), () -> Pipeline.process(items(count), workers, 8, onTheTick));
            Set<Integer> distinct = new TreeSet<>();
            results.stream().filter(r -> r != null).forEach(distinct::add);
            if (results.size() != count || distinct.size() != count) {
                fail(String.format("%d workers finished items at the same moment and %,d of %,d results were lost "
                        + "(%,d results returned, %,d distinct): the workers add to the results at the same time. "
                        + "Collect results in a thread-safe collection (Collections.synchronizedList, "
                        + "ConcurrentLinkedQueue) or guard it with one lock.", workers, count - distinct.size(), count,
                        results.size(), distinct.size()));
            }
        }
        if (together.get() < needed && mostInWork.get() < 2) {
            // The solution never let two workers work at once, so no two results could arrive together and none was
            // lost (workersRunAtTheSameTime judges the missing parallelism). Not the machine's doing.
            return;
        }
        if (together.get() < needed) {
            throw Inconclusive.because(String.format("the machine was too busy for the workers to finish items at the"
                    + " same moment: it happened %,d times in %d rounds, and at least %,d are needed",
                    together.get(), round, needed));
        }
    }

    /**
     * With every worker stuck in work, a bounded queue stops the producer: it can have taken at most one item per
     * worker, `capacity` items for the queue and the one it is trying to put. Holds at every instant, so the verdict
     * never depends on timing; an unbounded queue (or reading all items first) takes far more at once.
     */
    @Test
    void queueHoldsAtMostCapacityItems() throws Exception {
        for (int[] size : new int[][] {{2, 5}, {3, 7}, {1, 3}}) {
            int workers = size[0];
            int capacity = size[1];
            int limit = workers + capacity + 1;
            AtomicInteger taken = new AtomicInteger();
            AtomicInteger inWork = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> source = new AbstractList<>() {
                @Override
                public Integer get(int index) {
                    taken.incrementAndGet();
                    return index;
                }

                @Override
                public int size() {
                    return 60;
                }
            };
            Object[] outcome = new Object[1];
            Thread caller = new Thread(() -> {
                try {
                    outcome[0] = Pipeline.process(source, workers, capacity, x -> {
                        inWork.incrementAndGet();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return x;
                    });
                } catch (Throwable t) {
                    outcome[0] = t;
                }
            }, "test-caller");
            caller.setDaemon(true);
            caller.start();
            int peak = 0;
            try {
                // Until every worker is in work and nothing has moved for 300 ms (the producer is blocked).
                long deadline = System.nanoTime() + 5_000_000_000L;
                long stableSince = System.nanoTime();
                int lastTaken = -1;
                while (System.nanoTime() < deadline && caller.isAlive()) {
                    int now = taken.get();
                    peak = Math.max(peak, now);
                    if (peak > limit) {
                        break;
                    }
                    if (now != lastTaken) {
                        lastTaken = now;
                        stableSince = System.nanoTime();
                    } else if (System.nanoTime() - stableSince > (inWork.get() >= workers ? 300_000_000L : 1_000_000_000L)) {
                        break;
                    }
                    Thread.sleep(2);
                }
            } finally {
                release.countDown();
            }
            caller.join(10_000);
            if (peak > limit) {
                fail(String.format("with %d workers all busy in work and capacity %d, the producer had taken %d items "
                        + "from the list (at most %d fit: one per worker, %d in the queue, one being put). The queue "
                        + "must be bounded: use new ArrayBlockingQueue<>(capacity) and put() items one at a time, "
                        + "so the producer waits while the queue is full.", workers, capacity, peak, limit, capacity));
            }
            if (caller.isAlive()) {
                fail("process(" + workers + " workers, capacity " + capacity + ") did not return within 10 s after "
                        + "every call of work had returned");
            }
            if (outcome[0] instanceof Throwable t) {
                throw new AssertionError("process(" + workers + " workers, capacity " + capacity + ") threw " + t, t);
            }
        }
    }

    /**
     * The other tests use a queue of more than twice `workers`, where such a hang is rare, so that a hanging
     * solution fails here and only here, on every run.
     * A producer and consumers that share one wait set hang when a wake-up meant for the producer reaches a
     * consumer: likeliest with a tiny queue and many workers, so several such sizes, many times over.
     */
    @Test
    void neverHangsWithASmallQueueAndManyWorkers() throws Exception {
        int[][] sizes = {{8, 1}, {4, 1}, {6, 2}, {3, 1}, {8, 2}};
        // A fixed number of rounds: a solution that leaks its workers must leak the same number every run.
        for (int round = 0; round < sizes.length * 2; round++) {
            int workers = sizes[round % sizes.length][0];
            int capacity = sizes[round % sizes.length][1];
            // Only liveness is judged here: lost results are another test's business.
            Liveness.callWithin("process(200 items, " + workers + " workers, capacity " + capacity + ") (round "
                    + (round + 1) + ")", Duration.ofSeconds(12), () -> Pipeline.process(items(200), workers, capacity, x -> x));
        }
    }

    @Test
    void workersRunAtTheSameTime() throws Exception {
        AtomicInteger peak = new AtomicInteger();
        Pipeline.process(items(40), 4, 9, sleeping(30, new AtomicInteger(), peak, ConcurrentHashMap.newKeySet()));
        if (peak.get() != 4) {
            fail("with 4 workers, at most " + peak.get() + " call(s) of work ran at the same time; start `workers` "
                    + "consumer threads that all take from the queue.");
        }
    }

    @Test
    void nothingSpinsWhileWaiting() throws Exception {
        Function<Integer, Integer> idle = sleeping(0, new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet());
        Pipeline.process(items(8), 4, 12, idle);
        // A slow source: each item takes 100 ms to produce, so the workers have nothing to do most of the time.
        List<Integer> slowSource = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                Blocking.sleep(100);
                return index;
            }

            @Override
            public int size() {
                return 8;
            }
        };
        BusyWait.assertIdleWhile("for a slow producer", 0.3, () -> Pipeline.process(slowSource, 4, 9, idle));
        // Slow work: the queue is full most of the time, and the producer has nothing to do but wait for room.
        Function<Integer, Integer> slowWork = x -> {
            Blocking.sleep(50);
            return x;
        };
        BusyWait.assertIdleWhile("for room in a full queue (slow workers)", 0.3,
                () -> Pipeline.process(items(30), 2, 5, slowWork));
    }

    @Test
    void leavesNoThreadsBehind() throws Exception {
        ThreadCensus census = ThreadCensus.take();
        Pipeline.process(items(20), 4, 9, sleeping(5, new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet()));
        census.assertNoneLeftRunning("process", Duration.ofSeconds(1), "Tell every worker to stop (one poison pill "
                + "per worker) and join() them before returning.");
    }
}
