import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/** Another correct shape: take both locks with tryLock, and when one is busy let go of both and try again. */
public class Bank {
    private final long[] balances;
    private final ReentrantLock[] locks;

    public Bank(int accounts, long initialBalance) {
        balances = new long[accounts];
        locks = new ReentrantLock[accounts];
        for (int i = 0; i < accounts; i++) {
            balances[i] = initialBalance;
            locks[i] = new ReentrantLock();
        }
    }

    public boolean transfer(int from, int to, long amount) {
        ReentrantLock first = locks[from];
        ReentrantLock second = locks[to];
        while (true) {
            if (first.tryLock()) {
                try {
                    if (second.tryLock()) {
                        try {
                            if (balances[from] < amount) {
                                return false;
                            }
                            balances[from] -= amount;
                            balances[to] += amount;
                            return true;
                        } finally {
                            second.unlock();
                        }
                    }
                } finally {
                    first.unlock();
                }
            }
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(1_000, 50_000));
        }
    }

    public long balance(int account) {
        locks[account].lock();
        try {
            return balances[account];
        } finally {
            locks[account].unlock();
        }
    }
}
