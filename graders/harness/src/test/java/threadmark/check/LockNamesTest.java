package threadmark.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** Deadlock reports name locks as the student's code reaches them, and say when a thread is entering a method. */
class LockNamesTest {

    static final class Account {
        final ReentrantLock lock = new ReentrantLock();
        long balance = 100;

        synchronized void transferTo(Account other, StartLine start) {
            start.arriveAndGo();
            Hold.forMillis(50);
            other.deposit(1);
        }

        synchronized void deposit(long amount) {
            if (amount > 0) {
                balance += amount;
            }
        }
    }

    static final class Bank {
        final Account[] accounts = {new Account(), new Account()};
        final Map<String, Account> byName = new HashMap<>();

        void transferNested(int from, int to, StartLine start) {
            start.arriveAndGo();
            synchronized (accounts[from]) {
                Hold.forMillis(50);
                synchronized (accounts[to]) {
                    accounts[from].balance--;
                    accounts[to].balance++;
                }
            }
        }

        void transferLocked(int from, int to, StartLine start) {
            start.arriveAndGo();
            accounts[from].lock.lock();
            try {
                Hold.forMillis(50);
                accounts[to].lock.lock();
                accounts[to].lock.unlock();
            } finally {
                accounts[from].lock.unlock();
            }
        }
    }

    static final class Forks {
        static final Object LEFT = new Object();
        static final Object RIGHT = new Object();

        static void eat(boolean leftFirst, StartLine start) {
            start.arriveAndGo();
            Object first = leftFirst ? LEFT : RIGHT;
            Object second = leftFirst ? RIGHT : LEFT;
            synchronized (first) {
                Hold.forMillis(50);
                synchronized (second) {
                    first.hashCode();
                }
            }
        }
    }

    private static String deadlock(List<Runnable> tasks) {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Liveness.runToCompletion("transferring", Duration.ofSeconds(10), tasks));
        assertTrue(error.getMessage().startsWith("Deadlock while transferring:\n"), error.getMessage());
        return error.getMessage();
    }

    @Test
    void monitorsAreNamedByTheFieldAndIndexThatHoldThem() {
        Bank bank = new Bank();
        StartLine start = new StartLine(2);
        String message = deadlock(List.of(() -> bank.transferNested(0, 1, start), () -> bank.transferNested(1, 0, start)));
        assertTrue(message.contains("  worker-1 holds the lock of bank.accounts[0] (Account) and waits for the lock of "
                + "bank.accounts[1] (Account) held by worker-2, at "), message);
        assertTrue(message.contains("LockNamesTest$Bank.transferNested(LockNamesTest.java:"), message);
        assertTrue(message.contains("  worker-2 holds the lock of bank.accounts[1] (Account) and waits for the lock of "
                + "bank.accounts[0] (Account) held by worker-1, at "), message);
        assertFalse(message.contains("@"), message);
    }

    @Test
    void explicitLocksAreNamedThoughTheirSynchronizerIsHidden() {
        Bank bank = new Bank();
        StartLine start = new StartLine(2);
        String message = deadlock(List.of(() -> bank.transferLocked(0, 1, start), () -> bank.transferLocked(1, 0, start)));
        assertTrue(message.contains("  worker-1 holds bank.accounts[0].lock (ReentrantLock) and waits for "
                + "bank.accounts[1].lock (ReentrantLock) held by worker-2, at "), message);
        assertTrue(message.contains("  worker-2 holds bank.accounts[1].lock (ReentrantLock) and waits for "
                + "bank.accounts[0].lock (ReentrantLock) held by worker-1, at "), message);
    }

    @Test
    void aThreadEnteringASynchronizedMethodIsNotSaidToWaitAtItsFirstLine() {
        Account checking = new Account();
        Account savings = new Account();
        StartLine start = new StartLine(2);
        String message = deadlock(List.of(() -> checking.transferTo(savings, start),
                () -> savings.transferTo(checking, start)));
        // A lambda's captured values have no names: two Accounts are account1 and account2, in capture order.
        assertTrue(message.contains("  worker-1 holds the lock of account1 (Account) and waits for the lock of "
                + "account2 (Account) held by worker-2, entering synchronized method "), message);
        assertTrue(message.contains("LockNamesTest$Account.deposit(LockNamesTest.java:33)"), message);
    }

    @Test
    void staticLocksAreNamedByTheirClass() {
        StartLine start = new StartLine(2);
        String message = deadlock(List.of(() -> Forks.eat(true, start), () -> Forks.eat(false, start)));
        assertTrue(message.contains("  worker-1 holds the lock of Forks.LEFT (Object) and waits for the lock of "
                + "Forks.RIGHT (Object) held by worker-2"), message);
    }

    @Test
    void mapValuesAreNamedByTheirKeys() {
        Bank bank = new Bank();
        bank.byName.put("alice", bank.accounts[1]);
        Object holder = new Object() {
            final Map<String, Account> accounts = bank.byName;
        };
        LockNames names = LockNames.reachableFrom(List.of(holder), List.of());
        var monitor = new java.lang.management.LockInfo(Account.class.getName(),
                System.identityHashCode(bank.accounts[1]));
        assertEquals("the lock of accounts.get(\"alice\") (Account)", names.of(monitor, -1));
        var stranger = new java.lang.management.LockInfo(Account.class.getName(),
                System.identityHashCode(new Account()));
        assertTrue(names.of(stranger, -1).matches("LockNamesTest\\$Account@[0-9a-f]+"), names.of(stranger, -1));
    }

    @Test
    void aTimeoutReportSaysWhichSynchronizedMethodAThreadIsEntering() throws Exception {
        Account account = new Account();
        StartLine start = new StartLine(2);
        // A latch, not a bare parkNanos (see Hold): a holder that let go at once let the depositor end before the
        // report was taken (a flaky null).
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (account) {
                start.arriveAndGo();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "holder");
        Thread depositor = new Thread(() -> {
            start.arriveAndGo();
            account.deposit(1);
        }, "depositor");
        holder.setDaemon(true);
        depositor.setDaemon(true);
        holder.start();
        depositor.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (depositor.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {depositor.threadId()},
                    true, true)[0];
            String line = ThreadStates.describe(List.of(info), type -> type.contains("LockNamesTest"), 2).getFirst();
            assertTrue(line.startsWith("\"depositor\" BLOCKED entering synchronized method Account.deposit() on "
                    + "LockNamesTest$Account@"), line);
            assertTrue(line.contains(" held by \"holder\"\n    at threadmark.check.LockNamesTest$Account.deposit(LockNamesTest.java:33)"),
                    line);
        } finally {
            release.countDown();
        }
    }
}
