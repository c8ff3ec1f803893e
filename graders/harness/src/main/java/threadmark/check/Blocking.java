package threadmark.check;

/** Stand-ins for blocking I/O in test-owned callbacks. <p>
 * Example: a job that stands for a network call:
 * <pre>{@code
 * Function<Integer, Integer> slowWork = x -> { Blocking.sleep(50); return x; };
 * }</pre>
 */
public final class Blocking {

    private Blocking() {
    }

    /** Sleeps like a network call would wait; an interrupt ends the wait early and stays set, as it should. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
