package threadmark.check;

/** Stand-ins for blocking I/O in test-owned callbacks. */
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
