package threadmark.harness.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the warm-up has JUnit discover, in the shapes hidden tests use: a test and a parameterized one. Compiled with
 * the harness, so that the warm-up runs no javac of its own for it; never run.
 */
final class WarmUpTarget {

    /** Its test methods, each found by a discovery that worked. */
    static final int METHODS = 2;

    private WarmUpTarget() {
    }

    @Test
    void aTest() {
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aParameterizedTest(int n) {
    }
}
