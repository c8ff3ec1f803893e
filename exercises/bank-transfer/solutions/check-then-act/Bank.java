public class Bank {
    private final long[] balances;

    public Bank(int accounts, long initialBalance) {
        balances = new long[accounts];
        java.util.Arrays.fill(balances, initialBalance);
    }

    public boolean transfer(int from, int to, long amount) {
        if (balance(from) < amount) {
            return false;
        }
        withdraw(from, amount);
        deposit(to, amount);
        return true;
    }

    private synchronized void withdraw(int account, long amount) {
        balances[account] -= amount;
    }

    private synchronized void deposit(int account, long amount) {
        balances[account] += amount;
    }

    public synchronized long balance(int account) {
        return balances[account];
    }
}
