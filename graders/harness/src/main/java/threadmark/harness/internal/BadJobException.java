package threadmark.harness.internal;

/** The job on stdin is malformed or incomplete; the harness exits with status 2. */
public final class BadJobException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadJobException(String message) {
        super(message);
    }
}
