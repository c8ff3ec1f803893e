import java.util.concurrent.locks.ReentrantLock;

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

    /** Never deadlocks: if either lock is busy it gives up, and reports false although the money may be there. */
    public boolean transfer(int from, int to, long amount) {
        ReentrantLock first = locks[from];
        ReentrantLock second = locks[to];
        if (!first.tryLock()) {
            return false;
        }
        try {
            if (!second.tryLock()) {
                return false;
            }
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
        } finally {
            first.unlock();
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
