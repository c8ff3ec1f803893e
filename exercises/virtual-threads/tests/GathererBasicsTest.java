import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GathererBasicsTest {

    @Test
    void sumsAllResults() throws Exception {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (long i = 1; i <= 5; i++) {
            long value = i;
            tasks.add(() -> value);
        }
        assertEquals(15, Gatherer.sumAll(tasks), "1 + 2 + 3 + 4 + 5");
        assertEquals(0, Gatherer.sumAll(List.of()), "no tasks sum to 0");
    }
}
