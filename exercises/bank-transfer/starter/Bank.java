public class Bank {
    private final long[] balances;

    public Bank(int accounts, long initialBalance) {
        balances = new long[accounts];
        java.util.Arrays.fill(balances, initialBalance);
    }

    public boolean transfer(int from, int to, long amount) {
        if (balances[from] < amount) {
            return false;
        }
        balances[from] -= amount;
        balances[to] += amount;
        return true;
    }

    public long balance(int account) {
        return balances[account];
    }
}
