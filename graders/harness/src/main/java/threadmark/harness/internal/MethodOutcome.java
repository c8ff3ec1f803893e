package threadmark.harness.internal;

/**
 * The combined result of one test method across all its invocations (parameterized, repeated, dynamic): passed
 * only if every invocation passed. The first failure explains it.
 */
final class MethodOutcome {
    private final String id;
    private final String displayName;
    private final String uniqueId;
    private final long startNanos = System.nanoTime();
    private String failure;
    private int failures;
    private String abortion;

    MethodOutcome(String id, String displayName, String uniqueId) {
        this.id = id;
        this.displayName = displayName;
        this.uniqueId = uniqueId;
    }

    String id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    /** The JUnit unique id of the method itself; its descendants are its invocations. */
    String uniqueId() {
        return uniqueId;
    }

    long durationMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    void failed(String message) {
        if (failures++ == 0) {
            failure = message;
        }
    }

    void aborted(String message) {
        if (abortion == null) {
            abortion = message;
        }
    }

    TestStatus status() {
        return failures > 0 ? TestStatus.FAILED : abortion != null ? TestStatus.ABORTED : TestStatus.PASSED;
    }

    String message() {
        if (failures > 0) {
            return failures == 1 ? failure : failure + "\n(" + (failures - 1) + " more invocations failed)";
        }
        return abortion;
    }
}
