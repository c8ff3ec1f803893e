import java.util.concurrent.locks.ReentrantLock;

public class Bank {
    private final long[] balances;
    private final ReentrantLock lock = new ReentrantLock();

    public Bank(int accounts, long initialBalance) {
        balances = new long[accounts];
        java.util.Arrays.fill(balances, initialBalance);
    }

    public boolean transfer(int from, int to, long amount) {
        lock.lock();
        try {
            if (balances[from] < amount) {
                return false;
            }
            balances[from] -= amount;
            balances[to] += amount;
            return true;
        } finally {
            lock.unlock();
        }
    }

    public long balance(int account) {
        lock.lock();
        try {
            return balances[account];
        } finally {
            lock.unlock();
        }
    }
}
