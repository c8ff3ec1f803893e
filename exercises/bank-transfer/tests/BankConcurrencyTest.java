import org.junit.jupiter.api.Test;
import threadmark.check.Liveness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.fail;

class BankConcurrencyTest {

    private static final long ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(60);

    /** Workers each run for a fixed time after a common start, so they really overlap. */
    private static Runnable hammer(CyclicBarrier start, Runnable step) {
        return () -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long end = System.nanoTime() + ROUND_NANOS;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 20; i++) {
                    step.run();
                }
            }
        };
    }

    @Test
    void noDeadlockWhenTransferringBothWays() {
        for (int round = 1; round <= 40; round++) {
            Bank bank = new Bank(2, 1_000_000);
            CyclicBarrier start = new CyclicBarrier(4);
            List<Runnable> workers = List.of(
                    hammer(start, () -> bank.transfer(0, 1, 1)),
                    hammer(start, () -> bank.transfer(1, 0, 1)),
                    hammer(start, () -> bank.transfer(0, 1, 1)),
                    hammer(start, () -> bank.transfer(1, 0, 1)));
            Liveness.runToCompletion("transferring between accounts 0 and 1 in both directions (round " + round + ")",
                    Duration.ofSeconds(10), workers);
        }
    }

    @Test
    void totalNeverChanges() {
        int accounts = 4;
        long initial = 1_000_000;
        for (int round = 1; round <= 40; round++) {
            Bank bank = new Bank(accounts, initial);
            CyclicBarrier start = new CyclicBarrier(4);
            List<Runnable> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(hammer(start, () -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int from = random.nextInt(accounts);
                    int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                    bank.transfer(from, to, 1 + random.nextInt(5));
                }));
            }
            Liveness.runToCompletion("making random transfers (round " + round + ")", Duration.ofSeconds(10), workers);
            long total = 0;
            for (int a = 0; a < accounts; a++) {
                total += bank.balance(a);
            }
            if (total != accounts * initial) {
                fail(String.format("After concurrent transfers in round %d the bank holds %,d instead of %,d: %s. "
                                + "Two threads updated one balance at the same time and one update overwrote the other. "
                                + "Guard every balance change with a lock that both transfers take.",
                        round, total, accounts * initial,
                        total < accounts * initial ? "money vanished" : "money appeared from nowhere"));
            }
        }
    }

    @Test
    void noAccountGoesNegative() {
        int contenders = 4;
        int rounds = 3_000;
        Bank[] bank = {new Bank(contenders + 1, 100)};
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger round = new AtomicInteger(1);
        AtomicReference<String> violation = new AtomicReference<>();
        // Threads leave a barrier one by one (they re-take its lock); a common start instant, spun towards,
        // lines them up to within nanoseconds so a check-then-act window is really hit.
        long[] startAt = new long[1];
        CyclicBarrier go = new CyclicBarrier(contenders, () -> startAt[0] = System.nanoTime() + 300_000);
        // The barrier action runs while every worker waits: it checks the round and sets up the next one.
        CyclicBarrier check = new CyclicBarrier(contenders, () -> {
            long left = bank[0].balance(0);
            if (violation.get() == null && (left < 0 || succeeded.get() > 1)) {
                violation.set(String.format("Account 0 held 100 and %d transfers of 100 each succeeded when started at "
                                + "the same moment (round %d): its balance became %,d. Check the balance and withdraw "
                                + "while holding the same lock, as one atomic step.",
                        succeeded.get(), round.get(), left));
            }
            bank[0] = new Bank(contenders + 1, 100);
            succeeded.set(0);
            round.incrementAndGet();
        });
        List<Runnable> workers = new ArrayList<>();
        for (int w = 0; w < contenders; w++) {
            int target = w + 1;
            workers.add(() -> {
                try {
                    for (int r = 0; r < rounds && violation.get() == null; r++) {
                        go.await();
                        while (System.nanoTime() < startAt[0]) {
                            Thread.onSpinWait();
                        }
                        if (bank[0].transfer(0, target, 100)) {
                            succeeded.incrementAndGet();
                        }
                        check.await();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Liveness.runToCompletion("withdrawing 100 from one account in 4 threads at once", Duration.ofSeconds(25), workers);
        if (violation.get() != null) {
            fail(violation.get());
        }
    }
}
