public class Counter {
    private volatile long count;

    public void increment() {
        count++;
    }

    public long get() {
        return count;
    }
}
