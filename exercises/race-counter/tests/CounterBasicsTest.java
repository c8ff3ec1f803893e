import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CounterBasicsTest {

    @Test
    void startsAtZero() {
        assertEquals(0, new Counter().get(), "a new Counter must read 0");
    }

    @Test
    void countsInOneThread() {
        Counter counter = new Counter();
        for (int i = 0; i < 1000; i++) {
            counter.increment();
        }
        assertEquals(1000, counter.get(), "1000 increments from one thread");
    }
}
