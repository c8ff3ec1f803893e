package threadmark.check;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each check must catch what it is for, and must not flag correct code. */
class ChecksTest {

    static final class RacyCounter {
        long value;
    }

    @Test
    void contentionCatchesALostUpdateAndPassesAnAtomicCounter() {
        AssertionError racy = assertThrows(AssertionError.class, () -> Contention.hammer("incrementing", 4, 200,
                Duration.ofMillis(20), RacyCounter::new, c -> c.value++,
                (c, made) -> c.value == made ? null : (made - c.value) + " increments were lost"));
        assertTrue(racy.getMessage().contains("increments were lost"), racy.getMessage());
        Contention.hammer("incrementing", 4, 5, Duration.ofMillis(20), AtomicLong::new, AtomicLong::incrementAndGet,
                (c, made) -> c.get() == made ? null : "lost");
    }

    @Test
    void theNamedOptionsRunTheSameStressAsThePositionalOnes() {
        AssertionError racy = assertThrows(AssertionError.class, () -> Contention.stress("incrementing")
                .threads(4).trials(200).eachFor(Duration.ofMillis(20))
                .hammer(RacyCounter::new, c -> c.value++,
                        (c, made) -> c.value == made ? null : (made - c.value) + " increments were lost"));
        assertTrue(racy.getMessage().contains("increments were lost (seen in trial "), racy.getMessage());
        assertTrue(racy.getMessage().contains("4 threads incrementing at the same moment for 20 ms"), racy.getMessage());
        Contention.stress("incrementing").trials(5).hammer(AtomicLong::new, AtomicLong::incrementAndGet,
                (c, made) -> c.get() == made ? null : "lost");
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> Contention.stress("incrementing").threads(1));
        assertTrue(one.getMessage().contains("2 or more threads"), one.getMessage());
    }

    static final class LockedCounter {
        long value;

        synchronized void increment() {
            value++;
        }
    }

    /** Threads that wait in a lock are contending: they count as side by side, so locked code gets its verdict. */
    @Test
    void contentionPassesACounterWhoseThreadsMostlyWaitInALock() {
        Contention.hammer("incrementing", 4, 10, Duration.ofMillis(20), LockedCounter::new, LockedCounter::increment,
                (c, made) -> c.value == made ? null : "lost");
    }

    @Test
    void presenceCountsOnlyShortBatchesDuringWhichAnotherThreadStepped() {
        // Two threads stepping in 50 us batches at the same time for 10 ms: 10 ms side by side.
        assertEquals(10_000_000, together(2, 10_000_000).sideBySideNanos(2));
        // One after the other: only the batch where one ends and the other starts.
        Presence turns = new Presence(2);
        steps(turns, 0, 0, 5_000_000);
        steps(turns, 1, 5_000_000, 10_000_000);
        assertTrue(turns.sideBySideNanos(2) <= 50_000, turns.sideBySideNanos(2) + " ns");
        // The other thread beat during a 3 ms batch: a thread kept off the CPU (or stopped at a safepoint) so long
        // was not stepping, so none of it counts.
        Presence preempted = new Presence(2);
        preempted.start(0, 0);
        preempted.start(1, 0);
        preempted.beat(1, 0, 1_000_000);
        preempted.beat(0, 0, 3_000_000);
        assertEquals(0, preempted.sideBySideNanos(2));
        // One CPU, two threads taking turns in 3 ms slices: a batch at each switch at most.
        Presence oneCpu = new Presence(2);
        oneCpu.start(0, 0);
        oneCpu.start(1, 0);
        long[] last = {0, 0};
        for (int slice = 0; slice < 10; slice++) {
            int thread = slice % 2;
            for (long now = slice * 3_000_000L + 50_000; now <= (slice + 1) * 3_000_000L; now += 50_000) {
                oneCpu.beat(thread, last[thread], now);
                last[thread] = now;
            }
        }
        assertTrue(oneCpu.sideBySideNanos(2) <= 10 * 50_000, oneCpu.sideBySideNanos(2) + " ns");
    }

    /** {@code threads} threads stepping in 50 us batches, each batch of each thread beside the others', for {@code nanos}. */
    private static Presence together(int threads, long nanos) {
        Presence presence = new Presence(threads);
        for (int t = 0; t < threads; t++) {
            presence.start(t, 0);
        }
        for (long now = 50_000; now <= nanos; now += 50_000) {
            for (int t = 0; t < threads; t++) {
                presence.beat(t, now - 50_000, now);
            }
        }
        return presence;
    }

    private static void steps(Presence presence, int thread, long from, long to) {
        presence.start(thread, from);
        for (long now = from + 50_000; now <= to; now += 50_000) {
            presence.beat(thread, now - 50_000, now);
        }
    }

    @Test
    void overlapNeedsHalfOfWhatAQuietHostShowsAndOneCpuNeverShowsIt() {
        // 30 trials of 10 ms: a quiet host shows 300 ms side by side; half of it is needed.
        Overlap two = Overlap.needed(2, 2, 30, 10_000_000);
        two.add(together(2, 140_000_000));
        assertTrue(!two.enough(), "140 of 300 ms is less than half");
        two.add(together(2, 10_000_000));
        assertTrue(two.enough(), "150 of 300 ms");
        // Four threads on two CPUs: two step at every instant, and the time counts once.
        Overlap four = Overlap.needed(4, 2, 30, 10_000_000);
        four.add(together(4, 75_000_000));
        assertTrue(four.enough(), "4 x 75 ms of stepping beside another, over 2 CPUs, is 150 ms");
        // On one CPU the threads take turns: never enough, however many trials.
        Overlap one = Overlap.needed(2, 1, 30, 10_000_000);
        for (int trial = 0; trial < 90; trial++) {
            Presence turns = new Presence(2);
            steps(turns, 0, 0, 5_000_000);
            steps(turns, 1, 5_000_000, 10_000_000);
            one.add(turns);
        }
        assertTrue(!one.enough());
        assertTrue(one.shortfall("2 threads incrementing", 90).contains("this run had 1 CPU")
                && one.shortfall("2 threads incrementing", 90).contains("in 90 trials (2 threads incrementing) they"
                + " ran side by side for about 2 ms, and at least 150 ms are needed"), one.shortfall("", 90));
    }

    @Test
    void busyWaitWithTooFewSamplesJudgesByCpuTimeOrIsInconclusive() {
        // A host that kept the sampler off the CPU: no samples used to average 0 runnable threads, a pass.
        AssertionError spinning = assertThrows(AssertionError.class, () -> BusyWait.assertIdle("for a flag", 0.3,
                new BusyWait.Usage(360, 400, 0, 0)));
        assertTrue(spinning.getMessage().contains("used 0.9 CPUs on average"), spinning.getMessage());
        TestAbortedException unseen = assertThrows(TestAbortedException.class, () -> BusyWait.assertIdle(
                "for a flag", 0.3, new BusyWait.Usage(10, 400, 0, 3)));
        assertTrue(unseen.getMessage().startsWith(Inconclusive.PREFIX + ": the machine was too busy to watch your"
                + " threads while they waited for a flag: 3 looks in 400 ms, and at least 50 are needed"),
                unseen.getMessage());
        BusyWait.assertIdle("for a flag", 0.3, new BusyWait.Usage(10, 400, 0.05, 150));
    }

    @Test
    void callRecorderSeesPeakThreadsAndVirtualCallers() throws Exception {
        CallRecorder<Integer, Integer> recorder = CallRecorder.blocking(50, x -> x * 2);
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (int i = 0; i < 6; i++) {
                int argument = i;
                pool.submit(() -> recorder.apply(argument));
            }
        }
        assertEquals(3, recorder.peakInFlight());
        assertEquals(3, recorder.distinctCallers());
        assertEquals(6, recorder.calls());
        assertEquals(1, recorder.callsWith(4));
        assertEquals(0, recorder.callsOnVirtualThreads());
        Thread.ofVirtual().start(() -> recorder.apply(9)).join();
        assertEquals(1, recorder.callsOnVirtualThreads());
    }

    @Test
    void threadCensusNamesAThreadLeftRunningAndIgnoresOnesThatEnded() throws Exception {
        ThreadCensus census = ThreadCensus.take();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            pool.submit(() -> { }).get();
        }
        assertTrue(census.leftRunning(Duration.ofSeconds(1)).isEmpty());
        assertTrue(census.platformThreadsStarted() >= 1);

        Thread stuck = Thread.ofPlatform().name("stuck-worker").daemon().start(LockSupport::park);
        AssertionError left = assertThrows(AssertionError.class,
                () -> census.assertNoneLeftRunning("the call", Duration.ofMillis(100), "Shut the pool down."));
        assertTrue(left.getMessage().contains("stuck-worker (WAITING)"), left.getMessage());
        LockSupport.unpark(stuck);
        stuck.join();
    }

    @Test
    void busyWaitCatchesSpinningButNotBlocking() throws Exception {
        BusyWait.assertIdleWhile("for a sleeping thread", 0.3, () -> {
            Thread.sleep(300);
            return null;
        });
        AssertionError spinning = assertThrows(AssertionError.class, () -> BusyWait.assertIdleWhile("for a flag", 0.3, () -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return null;
        }));
        assertTrue(spinning.getMessage().contains("busy waiting"), spinning.getMessage());
    }

    /**
     * Busy-waits unless it sees it is being measured: a thread named like a sampler or running BusyWait code that
     * was not there when it was created (the sampler of one measurement), or, if it looks there, a frame of BusyWait
     * on its own stack.
     */
    private static final class MeasurementSniffer implements Callable<Void> {
        private final boolean looksAtOwnStack;
        private final Set<Thread> samplersAtFirstLook = samplers();

        MeasurementSniffer(boolean looksAtOwnStack) {
            this.looksAtOwnStack = looksAtOwnStack;
        }

        private static boolean isBusyWait(String className) {
            return className.startsWith("threadmark.check.BusyWait");
        }

        private static Set<Thread> samplers() {
            Set<Thread> found = new HashSet<>();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (thread.getName().contains("sampler") || Arrays.stream(stack).anyMatch(f -> isBusyWait(f.getClassName()))) {
                    found.add(thread);
                }
            });
            return found;
        }

        @Override
        public Void call() throws InterruptedException {
            boolean onStack = looksAtOwnStack && StackWalker.getInstance()
                    .walk(frames -> frames.anyMatch(f -> isBusyWait(f.getClassName())));
            Set<Thread> now = samplers();
            now.remove(Thread.currentThread());
            if (onStack || !samplersAtFirstLook.containsAll(now)) {
                Thread.sleep(600);
                return null;
            }
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return null;
        }
    }

    @Test
    void busyWaitingCannotHideFromTheSamplerByLookingForIt() throws Exception {
        // As the harness does before any student class exists.
        BusyWait.startSampler();

        // No thread appears when a measurement starts (before: one named threadmark-busy-wait-sampler did).
        MeasurementSniffer threadSniffer = new MeasurementSniffer(false);
        AssertionError wrapped = assertThrows(AssertionError.class,
                () -> BusyWait.assertIdleWhile("for a flag", 0.3, threadSniffer));
        assertTrue(wrapped.getMessage().contains("busy waiting"), wrapped.getMessage());

        // A window leaves no frame of BusyWait on the stack of the code it measures.
        MeasurementSniffer stackSniffer = new MeasurementSniffer(true);
        BusyWait.Window window = BusyWait.watch();
        stackSniffer.call();
        AssertionError watched = assertThrows(AssertionError.class, () -> window.assertIdle("for a flag", 0.3));
        assertTrue(watched.getMessage().contains("busy waiting"), watched.getMessage());
    }

    @Test
    void livenessReportsADeadlockCycleAndAHangWithTheirLines() {
        Object a = new Object();
        Object b = new Object();
        StartLine start = new StartLine(2);
        AssertionError deadlock = assertThrows(AssertionError.class, () -> Liveness.runToCompletion("locking", Duration.ofSeconds(10),
                List.of(() -> lockBoth(start, a, b), () -> lockBoth(start, b, a))));
        assertTrue(deadlock.getMessage().contains("Deadlock while locking"), deadlock.getMessage());
        assertTrue(deadlock.getMessage().contains("waits for the lock of object2 (Object) held by worker-2"), deadlock.getMessage());

        AssertionError hang = assertThrows(AssertionError.class, () -> Liveness.callWithin("waiting", Duration.ofMillis(300), () -> {
            Thread.sleep(60_000);
            return null;
        }));
        assertTrue(hang.getMessage().contains("did not return within 300 ms"), hang.getMessage());
        assertTrue(hang.getMessage().contains("ChecksTest"), hang.getMessage());
    }

    @Test
    void callWithinPassesResultsAndExceptionsThrough() throws Exception {
        assertEquals(42, Liveness.callWithin("answering", Duration.ofSeconds(5), () -> 42));
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Liveness.callWithin("failing", Duration.ofSeconds(5), () -> {
                    throw new IllegalStateException("boom");
                }));
        assertEquals("boom", thrown.getMessage());
    }

    @Test
    void speedupTellsParallelWorkFromSerialisedWork() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs");
        Object lock = new Object();
        // The yardstick: the same spinning, split over the threads with no lock.
        Speedup.Solution<Long> yardstick = (seed, threads) -> spin(threads, 100_000_000L, null, seed);
        try {
            Speedup.Result parallel = Speedup.check("spinning", seed -> (long) seed,
                    (seed, threads) -> spin(threads, 100_000_000L, null, seed), yardstick, 0.75);
            assertTrue(parallel.cpus() >= 2, parallel.toString());
            assertTrue(parallel.busyCpus() > 1.0, parallel.toString());
            AssertionError serial = assertThrows(AssertionError.class, () -> Speedup.check("spinning under one lock",
                    seed -> (long) seed, (seed, threads) -> spin(threads, 100_000_000L, lock, seed), yardstick, 0.75));
            assertTrue(serial.getMessage().contains("CPUs were busy on average"), serial.getMessage());
            assertTrue(serial.getMessage().contains("CPU time per thread"), serial.getMessage());
        } catch (TestAbortedException busyMachine) {
            // The yardstick itself could not get two whole CPUs: the check rightly refuses to judge.
            assertTrue(busyMachine.getMessage().startsWith(Inconclusive.PREFIX), busyMachine.getMessage());
            throw busyMachine;
        }
    }

    @Test
    void speedupRefusesAWrongResultAndWorkLeftRunningOutsideTheCall() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs");
        Speedup.Solution<Long> yardstick = (seed, threads) -> spin(threads, 50_000_000L, null, seed);
        AssertionError wrong = assertThrows(AssertionError.class, () -> Speedup.check("off by one",
                seed -> (long) seed, (seed, threads) -> spin(threads, 50_000_000L, null, seed) + 1, yardstick, 0.0));
        assertTrue(wrong.getMessage().contains("returned a wrong result for 0"), wrong.getMessage());

        AtomicBoolean stop = new AtomicBoolean();
        Thread burner = new Thread(() -> {
            while (!stop.get()) {
                work(1_000_000);
            }
        });
        try {
            Speedup.check("burning beside", seed -> (long) seed, (seed, threads) -> {
                if (!burner.isAlive()) {
                    burner.start();
                }
                return spin(threads, 50_000_000L, null, seed);
            }, yardstick, 0.75);
            fail("a thread left burning CPU beside the yardstick must not let the measurement pass");
        } catch (AssertionError disturbed) {
            assertTrue(disturbed.getMessage().contains("could not be measured"), disturbed.getMessage());
        } catch (TestAbortedException busyMachine) {
            // Only when the host gave the yardstick too little time to run even its warm-up.
            assertTrue(busyMachine.getMessage().contains("the host is busy"), busyMachine.getMessage());
            throw busyMachine;
        } finally {
            stop.set(true);
        }
    }

    /**
     * {@code threads} threads share {@code total} iterations; with a lock, they take turns for all of it. Returns a
     * value that depends on the seed only, as a solution's result would.
     */
    private static long spin(int threads, long total, Object lock, long seed) {
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                if (lock == null) {
                    work(total / threads);
                } else {
                    synchronized (lock) {
                        work(total / threads);
                    }
                }
            });
            workers[i].start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return seed * 31;
    }

    private static volatile long sink;

    private static void work(long iterations) {
        // xorshift: unlike a linear congruential step, the JIT cannot shortcut it.
        long x = 0x9E3779B97F4A7C15L;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
    }

    private static void lockBoth(StartLine start, Object first, Object second) {
        start.arriveAndGo();
        synchronized (first) {
            Hold.forMillis(50);
            synchronized (second) {
                sink++;
            }
        }
    }
}
