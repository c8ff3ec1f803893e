public class Counter {
    private long count;

    public void increment() {
        synchronized (new Object()) {
            count++;
        }
    }

    public long get() {
        synchronized (this) {
            return count;
        }
    }
}
