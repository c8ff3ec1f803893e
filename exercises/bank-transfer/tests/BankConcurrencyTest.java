import org.junit.jupiter.api.Test;
import threadmark.check.Liveness;
import threadmark.check.StartLine;

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

    /**
     * Account 0 is kept at a balance of 0 or 1: two threads keep withdrawing 1 from it while a third keeps paying
     * their money back in. Each refill is a moment where both withdrawers may see "1 is enough" at once, so a
     * check-then-act race gets thousands of chances per trial, on a loaded machine too; the withdrawers look at
     * the balance right after each successful transfer.
     */
    @Test
    void noAccountGoesNegative() {
        int trials = 80;
        long trialNanos = TimeUnit.MILLISECONDS.toNanos(50);
        for (int trial = 1; trial <= trials; trial++) {
            Bank bank = new Bank(3, 1);
            AtomicReference<String> violation = new AtomicReference<>();
            StartLine go = new StartLine(3);
            List<Runnable> roles = new ArrayList<>();
            for (int withdrawer = 1; withdrawer <= 2; withdrawer++) {
                int to = withdrawer;
                roles.add(() -> {
                    go.arriveAndGo();
                    long end = System.nanoTime() + trialNanos;
                    while (System.nanoTime() < end && violation.get() == null) {
                        for (int i = 0; i < 32; i++) {
                            if (bank.transfer(0, to, 1)) {
                                long left = bank.balance(0);
                                if (left < 0) {
                                    violation.compareAndSet(null, String.format("Account 0 held 1 and two threads "
                                            + "each transferred 1 out of it: its balance became %d. Both checked the "
                                            + "balance before either withdrew. Check the balance and withdraw while "
                                            + "holding the same lock, as one atomic step.", left));
                                }
                            }
                        }
                    }
                });
            }
            roles.add(() -> {
                go.arriveAndGo();
                long end = System.nanoTime() + trialNanos;
                while (System.nanoTime() < end && violation.get() == null) {
                    for (int i = 0; i < 32; i++) {
                        bank.transfer(1, 0, 1);
                        bank.transfer(2, 0, 1);
                    }
                }
            });
            Liveness.runToCompletion("withdrawing from one account in two threads while a third refills it (trial "
                    + trial + ")", Duration.ofSeconds(10), roles);
            if (violation.get() != null) {
                fail(violation.get() + " (trial " + trial + " of " + trials + ")");
            }
        }
    }

    /**
     * Every account holds far more than is ever moved, so every transfer must succeed: four threads start together
     * on the same few accounts, so each often finds a lock held by another. A false here is a transfer that gave up
     * on a busy lock.
     */
    @Test
    void refusesOnlyForLackOfMoney() {
        int trials = 30;
        long trialNanos = TimeUnit.MILLISECONDS.toNanos(20);
        long initial = 1_000_000_000_000L;
        for (int trial = 1; trial <= trials; trial++) {
            Bank bank = new Bank(3, initial);
            AtomicReference<String> refused = new AtomicReference<>();
            StartLine go = new StartLine(4);
            List<Runnable> roles = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int from = w % 3;
                int to = (w + 1) % 3;
                roles.add(() -> {
                    go.arriveAndGo();
                    long end = System.nanoTime() + trialNanos;
                    while (System.nanoTime() < end && refused.get() == null) {
                        for (int i = 0; i < 32; i++) {
                            if (!bank.transfer(from, to, 1)) {
                                refused.compareAndSet(null, String.format("transfer(%d, %d, 1) returned false although "
                                        + "account %d held about %,d: false means \"not enough money\" and nothing "
                                        + "else. A transfer must wait for the locks it needs (synchronized, lock()), or "
                                        + "retry, instead of giving up while another thread holds them.",
                                        from, to, from, initial));
                            }
                        }
                    }
                });
            }
            Liveness.runToCompletion("transferring among 3 accounts in 4 threads (trial " + trial + ")",
                    Duration.ofSeconds(10), roles);
            if (refused.get() != null) {
                fail(refused.get() + " (trial " + trial + " of " + trials + ")");
            }
        }
    }
}
