import org.junit.jupiter.api.Test;
import threadmark.check.Contention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

class BankConcurrencyTest {

    private static final Duration ROUND = Duration.ofMillis(60);

    @Test
    void noDeadlockWhenTransferringBothWays() {
        // A deadlock in a trial is reported by Liveness, with the cycle of threads and locks.
        Contention.together("4 threads transferring between accounts 0 and 1 in both directions", 40, ROUND,
                trial -> {
                    Bank bank = new Bank(2, 1_000_000);
                    return new Contention.Trial(List.of(
                            () -> bank.transfer(0, 1, 1),
                            () -> bank.transfer(1, 0, 1),
                            () -> bank.transfer(0, 1, 1),
                            () -> bank.transfer(1, 0, 1)), made -> null);
                });
    }

    @Test
    void totalNeverChanges() {
        int accounts = 4;
        long initial = 1_000_000;
        Contention.together("4 threads making random transfers among 4 accounts", 40, ROUND, trial -> {
            Bank bank = new Bank(accounts, initial);
            Runnable randomTransfer = () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int from = random.nextInt(accounts);
                int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                bank.transfer(from, to, 1 + random.nextInt(5));
            };
            return new Contention.Trial(Collections.nCopies(4, randomTransfer), made -> {
                long total = 0;
                for (int a = 0; a < accounts; a++) {
                    total += bank.balance(a);
                }
                return total == accounts * initial ? null : String.format("After concurrent transfers the bank "
                                + "holds %,d instead of %,d: %s. Two threads updated one balance at the same time and "
                                + "one update overwrote the other. Guard every balance change with a lock that both "
                                + "transfers take.", total, accounts * initial,
                        total < accounts * initial ? "money vanished" : "money appeared from nowhere");
            });
        });
    }

    /**
     * Account 0 is kept at a balance of 0 or 1: two threads keep withdrawing 1 from it while a third keeps paying
     * their money back in. Each refill is a moment where both withdrawers may see "1 is enough" at once, so a
     * check-then-act race gets thousands of chances per trial, on a loaded machine too; the withdrawers look at
     * the balance right after each successful transfer.
     */
    @Test
    void noAccountGoesNegative() {
        Contention.together("2 threads withdrawing from one account while a third refills it", 80,
                Duration.ofMillis(50), trial -> {
                    Bank bank = new Bank(3, 1);
                    AtomicReference<String> violation = new AtomicReference<>();
                    List<Runnable> roles = new ArrayList<>();
                    for (int withdrawer = 1; withdrawer <= 2; withdrawer++) {
                        int to = withdrawer;
                        roles.add(() -> {
                            if (bank.transfer(0, to, 1)) {
                                long left = bank.balance(0);
                                if (left < 0) {
                                    violation.compareAndSet(null, String.format("Account 0 held 1 and two threads "
                                            + "each transferred 1 out of it: its balance became %d. Both checked the "
                                            + "balance before either withdrew. Check the balance and withdraw while "
                                            + "holding the same lock, as one atomic step.", left));
                                }
                            }
                        });
                    }
                    roles.add(() -> {
                        bank.transfer(1, 0, 1);
                        bank.transfer(2, 0, 1);
                    });
                    return new Contention.Trial(roles, made -> violation.get());
                });
    }

    /**
     * Every account holds far more than is ever moved, so every transfer must succeed: four threads start together
     * on the same few accounts, so each often finds a lock held by another. A false here is a transfer that gave up
     * on a busy lock.
     */
    @Test
    void refusesOnlyForLackOfMoney() {
        long initial = 1_000_000_000_000L;
        Contention.together("4 threads transferring among 3 accounts", 30, Duration.ofMillis(20), trial -> {
            Bank bank = new Bank(3, initial);
            AtomicReference<String> refused = new AtomicReference<>();
            List<Runnable> roles = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int from = w % 3;
                int to = (w + 1) % 3;
                roles.add(() -> {
                    if (!bank.transfer(from, to, 1)) {
                        refused.compareAndSet(null, String.format("transfer(%d, %d, 1) returned false although "
                                + "account %d held about %,d: false means \"not enough money\" and nothing "
                                + "else. A transfer must wait for the locks it needs (synchronized, lock()), or "
                                + "retry, instead of giving up while another thread holds them.",
                                from, to, from, initial));
                    }
                });
            }
            return new Contention.Trial(roles, made -> refused.get());
        });
    }
}
