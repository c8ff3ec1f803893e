package threadmark.sandbox;

/** The sandbox itself failed (engine unreachable, image cannot be built): not the student's fault. */
public class SandboxException extends RuntimeException {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
