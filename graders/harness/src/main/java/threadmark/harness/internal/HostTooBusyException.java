package threadmark.harness.internal;

/** The host starved the run (javac hardly got a CPU): a fact about the machine, reported as unmeasured, not as a fault. */
final class HostTooBusyException extends RuntimeException {
    HostTooBusyException(String message) {
        super(message);
    }
}
