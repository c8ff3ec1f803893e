/**
 * The in-container grading harness. Only {@code threadmark.check} is exported: student code and hidden tests run
 * in the unnamed module of the same JVM, and the unexported, unopened internals (result signing, the job with its
 * secret and the hidden test bytes) must stay out of their reach, reflection included.
 */
module threadmark.harness {
    requires java.compiler;
    requires java.management;
    requires org.junit.platform.launcher;
    // Only for the warm-up's discovery target (WarmUpTarget): the tests themselves run in the unnamed module.
    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;

    exports threadmark.check;
}
