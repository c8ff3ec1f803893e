public class Counter {
    private long count;

    public synchronized void increment() {
        // count++ yields the old value, which is then written back: the increment is undone.
        count = count++;
    }

    public synchronized long get() {
        return count;
    }
}
