package threadmark.harness.internal;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmUpTest {

    @Test
    void compilesAndDiscoversWithoutLeavingAThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int poolBefore = ForkJoinPool.commonPool().getPoolSize();

        assertTrue(WarmUp.run(), "the warm-up compiled the training classes and discovered their tests");

        Set<Thread> after = Thread.getAllStackTraces().keySet();
        after.removeAll(before);
        after.removeIf(t -> !t.isAlive());
        assertEquals(Set.of(), after, "threads the warm-up left");
        assertEquals(poolBefore, ForkJoinPool.commonPool().getPoolSize(), "common pool workers");
    }

    @Test
    void stopsBetweenStepsOnceTheJobIsThere() {
        assertFalse(WarmUp.run(() -> true), "the job's own compile does the rest");
    }
}
