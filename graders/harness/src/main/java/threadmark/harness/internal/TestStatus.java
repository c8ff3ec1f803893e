package threadmark.harness.internal;

/** Outcome of a test method or class as reported to the server. */
enum TestStatus {
    PASSED, FAILED, ABORTED
}
