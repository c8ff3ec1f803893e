public class Bank {
    private final long[] balances;
    private final Object[] locks;

    public Bank(int accounts, long initialBalance) {
        balances = new long[accounts];
        locks = new Object[accounts];
        for (int i = 0; i < accounts; i++) {
            balances[i] = initialBalance;
            locks[i] = new Object();
        }
    }

    public boolean transfer(int from, int to, long amount) {
        Object first = locks[from];
        Object second = locks[to];
        synchronized (first) {
            synchronized (second) {
                if (balances[from] < amount) {
                    return false;
                }
                balances[from] -= amount;
                balances[to] += amount;
                return true;
            }
        }
    }

    public long balance(int account) {
        synchronized (locks[account]) {
            return balances[account];
        }
    }
}
