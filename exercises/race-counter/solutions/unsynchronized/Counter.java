public class Counter {
    private long count;

    public void increment() {
        count++;
    }

    public long get() {
        return count;
    }
}
