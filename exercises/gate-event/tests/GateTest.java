import org.junit.jupiter.api.Test;
import threadmark.check.BusyWait;
import threadmark.check.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.fail;

class GateTest {

    /** How long every waiter gets to return after open(): a correct gate needs well under 10 ms. */
    private static final Duration RELEASE_LIMIT = Duration.ofSeconds(3);

    /** Waiters on one closed gate (some with await(), some with await(30 s)) and what happened to them. */
    private static final class Waiters {
        final Gate gate = new Gate();
        final int untimed;
        final int timed;
        final AtomicInteger entered = new AtomicInteger();
        final AtomicInteger returned = new AtomicInteger();
        final AtomicInteger timedFalse = new AtomicInteger();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        volatile int returnedBeforeOpen = -1;
        volatile boolean releasing;

        Waiters(int untimed, int timed) {
            this.untimed = untimed;
            this.timed = timed;
        }

        int count() {
            return untimed + timed;
        }

        Runnable waiter(boolean withTimeout) {
            return () -> {
                threads.add(Thread.currentThread());
                entered.incrementAndGet();
                String call = withTimeout ? "await(30, SECONDS)" : "await()";
                try {
                    if (withTimeout) {
                        if (!gate.await(30, TimeUnit.SECONDS)) {
                            timedFalse.incrementAndGet();
                        }
                    } else {
                        gate.await();
                    }
                    returned.incrementAndGet();
                } catch (InterruptedException e) {
                    if (!releasing) {
                        errors.add(call + " threw InterruptedException although nobody interrupted the waiter");
                    }
                } catch (RuntimeException | Error e) {
                    errors.add(call + " threw " + e);
                }
            };
        }

        /** Fails if a waiter's await threw. */
        void assertNoErrors() {
            if (!errors.isEmpty()) {
                fail(errors.size() + " of " + count() + " waiters failed; the first: " + errors.peek());
            }
        }

        /**
         * Waits until every waiter has called await and is blocked in it (at most 2 s: a spinning waiter never
         * blocks), then {@code settleMillis} more.
         */
        void settle(long settleMillis) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (entered.get() < count() && System.nanoTime() < deadline) {
                sleep(1);
            }
            while (!threads.stream().allMatch(GateTest::blocked) && System.nanoTime() < deadline) {
                sleep(1);
            }
            sleep(settleMillis);
        }

        /**
         * Runs the waiters and an opener that lets them wait {@code openAfterMillis}, notes how many returned
         * before it opened, then opens the gate; fails with the Liveness report (the waiters still stuck and the
         * line they are at) if they have not all returned {@link #RELEASE_LIMIT} later.
         */
        void runAndOpenAfter(String what, long openAfterMillis, String ifStuck) {
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < untimed; i++) {
                tasks.add(waiter(false));
            }
            for (int i = 0; i < timed; i++) {
                tasks.add(waiter(true));
            }
            tasks.add(() -> {
                settle(openAfterMillis);
                returnedBeforeOpen = returned.get();
                gate.open();
            });
            try {
                Liveness.runToCompletion(what, RELEASE_LIMIT.plusMillis(2_000 + openAfterMillis), tasks);
                assertNoErrors();
            } catch (AssertionError stuck) {
                if (!errors.isEmpty()) {
                    assertNoErrors();
                }
                String summary = String.format("Only %d of %d waiters returned from await() after open(); the others "
                        + "were still waiting at least %d s later. %s\n", returned.get(), count(),
                        RELEASE_LIMIT.toSeconds(), ifStuck);
                throw new AssertionError(summary + stuck.getMessage());
            } finally {
                releaseLeftovers();
            }
        }

        /** Interrupts waiters that are still stuck so that they do not linger into the next test. */
        void releaseLeftovers() {
            releasing = true;
            gate.open();
            for (Thread thread : threads) {
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            }
        }
    }

    private static boolean blocked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** Waits until the thread has appeared and blocks (at most 1 s: a spinning waiter never blocks). */
    private static void untilBlocked(AtomicReference<Thread> waiter) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while ((waiter.get() == null || !blocked(waiter.get())) && System.nanoTime() < deadline) {
            sleep(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void waitersBlockUntilOpen() {
        Waiters waiters = new Waiters(1, 1);
        waiters.runAndOpenAfter("waiting for a gate opened after 200 ms", 200,
                "open() must wake every thread waiting in await() and await(timeout): notifyAll(), not notify().");
        if (waiters.returnedBeforeOpen > 0) {
            fail(String.format("%d of 2 waiters returned from await() on a closed gate before open() was called (the "
                    + "gate was opened after 200 ms). await() must block while the gate is closed: `while (!open) "
                    + "wait();`", waiters.returnedBeforeOpen));
        }
        if (waiters.timedFalse.get() > 0) {
            fail("await(30, SECONDS) returned false although open() was called after 200 ms: it must return true "
                    + "as soon as the gate opens.");
        }
    }

    @Test
    void openReleasesEveryWaiter() {
        Waiters waiters = new Waiters(8, 0);
        waiters.runAndOpenAfter("8 threads waiting for a gate opened after 100 ms", 100,
                "open() must wake every waiting thread: notify() wakes just one of them, notifyAll() wakes all.");
    }

    @Test
    void openBeforeAwaitIsNotLost() throws Exception {
        Gate gate = new Gate();
        gate.open();
        String advice = "An open() that happens while nobody waits must not be lost: record it in a field and let "
                + "await() check that field before it waits (`while (!open) wait();`), instead of waiting for a "
                + "notification that was already sent.";
        try {
            Liveness.callWithin("await() on a gate opened before the call", Duration.ofSeconds(2), () -> {
                gate.await();
                return null;
            });
        } catch (AssertionError stuck) {
            throw new AssertionError("await() on a gate that was already open did not return. " + advice + "\n"
                    + stuck.getMessage());
        }
        boolean result;
        try {
            result = Liveness.callWithin("await(10, SECONDS) on a gate opened before the call", Duration.ofSeconds(2),
                    () -> gate.await(10, TimeUnit.SECONDS));
        } catch (AssertionError stuck) {
            throw new AssertionError("await(10, SECONDS) on a gate that was already open did not return at once. "
                    + advice + "\n" + stuck.getMessage());
        }
        if (!result) {
            fail("await(10, SECONDS) on a gate that was already open returned false; it must return true at once.");
        }
    }

    @Test
    void timedAwaitReturnsFalseAfterTheTimeout() throws Exception {
        Gate gate = new Gate();
        try {
            checkTimesOut(gate, 250, TimeUnit.MILLISECONDS);
            checkTimesOut(gate, 1, TimeUnit.SECONDS);
        } finally {
            gate.open();
        }
    }

    private static void checkTimesOut(Gate gate, long timeout, TimeUnit unit) throws Exception {
        long timeoutMillis = unit.toMillis(timeout);
        String call = "await(" + timeout + ", " + unit + ")";
        long start = System.nanoTime();
        boolean result;
        try {
            result = Liveness.callWithin(call + " on a gate nobody opens", Duration.ofMillis(timeoutMillis + 3_000),
                    () -> gate.await(timeout, unit));
        } catch (AssertionError stuck) {
            throw new AssertionError(call + " on a gate nobody opens was still waiting 3 s after its timeout: the "
                    + "timed await must give up when the timeout has passed and return false. Wait with a limit, "
                    + "wait(millis) or Condition.awaitNanos, and recompute what is left of the timeout after each "
                    + "wake-up.\n" + stuck.getMessage());
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (result) {
            fail(String.format("%s returned true after %,d ms although nobody opened the gate: after the timeout it "
                    + "must return false (true only if the gate is open).", call, elapsed));
        }
        if (elapsed < timeoutMillis * 3 / 4) {
            fail(String.format("%s returned false after only %,d ms: it must wait for the whole timeout (%,d ms) "
                            + "unless the gate opens. Convert the timeout with unit.toMillis/toNanos, and after an "
                            + "early wake-up wait again for what is left.", call, elapsed, timeoutMillis));
        }
    }

    @Test
    void timedAwaitReturnsTrueWhenOpenedMeanwhile() throws Exception {
        Gate gate = new Gate();
        AtomicBoolean openCalled = new AtomicBoolean();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Thread opener = new Thread(() -> {
            untilBlocked(waiter);
            sleep(200);
            openCalled.set(true);
            gate.open();
        }, "opener");
        opener.setDaemon(true);
        boolean[] openedBeforeReturn = new boolean[1];
        boolean result;
        opener.start();
        try {
            result = Liveness.callWithin("await(10, SECONDS) on a gate opened after 200 ms", Duration.ofSeconds(3),
                    () -> {
                        waiter.set(Thread.currentThread());
                        boolean r = gate.await(10, TimeUnit.SECONDS);
                        openedBeforeReturn[0] = openCalled.get();
                        return r;
                    });
        } catch (AssertionError stuck) {
            throw new AssertionError("await(10, SECONDS) did not return within 3 s although the gate was opened after "
                    + "200 ms: open() must wake timed waiters too, and a timed waiter must return true as soon as the "
                    + "gate opens, not sleep out its whole timeout.\n" + stuck.getMessage());
        } finally {
            gate.open();
        }
        if (!result) {
            fail("await(10, SECONDS) returned false although the gate was opened after 200 ms, long before the "
                    + "timeout: it must return true when the gate opens.");
        }
        if (!openedBeforeReturn[0]) {
            fail("await(10, SECONDS) returned true before anybody opened the gate: return true only once it is open.");
        }
    }

    @Test
    void interruptedWaiterGetsInterruptedException() throws Exception {
        checkInterrupted("await()", gate -> {
            gate.await();
            return null;
        });
        checkInterrupted("await(10, SECONDS)", gate -> gate.await(10, TimeUnit.SECONDS));
    }

    @FunctionalInterface
    private interface GateCall {
        Object call(Gate gate) throws InterruptedException;
    }

    private static void checkInterrupted(String call, GateCall waiting) throws Exception {
        Gate gate = new Gate();
        Thread[] waiter = new Thread[1];
        Thread interrupter = new Thread(() -> {
            sleep(200);
            waiter[0].interrupt();
        }, "interrupter");
        interrupter.setDaemon(true);
        String outcome;
        try {
            outcome = Liveness.callWithin(call + " on a closed gate, interrupted after 200 ms", Duration.ofSeconds(3),
                    () -> {
                        waiter[0] = Thread.currentThread();
                        interrupter.start();
                        try {
                            Object result = waiting.call(gate);
                            return "returned " + result + " instead of throwing InterruptedException";
                        } catch (InterruptedException expected) {
                            return null;
                        }
                    });
        } catch (AssertionError stuck) {
            throw new AssertionError("A thread waiting in " + call + " was interrupted and was still waiting 3 s "
                    + "later: an interrupt asks a waiting thread to stop, so let the InterruptedException from wait() "
                    + "propagate (await declares it) instead of catching it and waiting again.\n" + stuck.getMessage());
        } finally {
            gate.open();
        }
        if (outcome != null) {
            fail("A thread waiting in " + call + " on a closed gate was interrupted and " + outcome
                    + ": an interrupted waiter must get InterruptedException.");
        }
    }

    private static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();

    /** CPU time the threads used so far (a thread that has ended counts 0). */
    private static long cpuNanos(List<Thread> threads) {
        long total = 0;
        for (Thread thread : threads) {
            total += Math.max(0, THREAD_CPU.getThreadCpuTime(thread.threadId()));
        }
        return total;
    }

    @Test
    void nothingSpinsWhileWaiting() throws Exception {
        Waiters waiters = new Waiters(4, 4);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < waiters.count(); i++) {
            Thread thread = new Thread(waiters.waiter(i >= waiters.untimed), "waiter-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try {
            waiters.settle(100);
            // BusyWait measures the CPU of the whole JVM, which a loaded machine can starve: 8 spinning waiters got
            // as little as 0.16 of a core here. The waiters' own CPU time is exact: 0 while blocked, tens of ms
            // when spinning even under heavy load. The verdict uses it; the whole-JVM figure is shown beside it.
            long waitersBefore = cpuNanos(threads);
            BusyWait.Usage usage = BusyWait.measure(() -> {
                sleep(400);
                return null;
            });
            long waitersMillis = (cpuNanos(threads) - waitersBefore) / 1_000_000;
            waiters.assertNoErrors();
            if (waiters.returned.get() > 0) {
                fail(String.format("%d of 8 waiters returned from await() on a gate that nobody had opened: await() "
                        + "must block until open() is called.", waiters.returned.get()));
            }
            if (waitersMillis > usage.wallMillis() / 20) {
                fail(String.format("While 8 threads waited in await() and await(30, SECONDS) for a gate that stays "
                                + "closed (%,d ms), those waiting threads used %,d ms of CPU between them (the whole "
                                + "program %,d ms): a waiting thread spins (busy waiting). Block instead: wait() inside "
                                + "a `while (!open)` loop, woken by notifyAll() in open(), uses no CPU while it waits.",
                        usage.wallMillis(), waitersMillis, usage.cpuMillis()));
            }
        } finally {
            // Releasing every waiter is another test's job; here they are only let go.
            waiters.gate.open();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (Thread thread : threads) {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            waiters.releaseLeftovers();
        }
    }
}
