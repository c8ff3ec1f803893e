import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PipelineBasicsTest {

    @Test
    void processesEveryItem() throws Exception {
        List<Integer> items = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(i);
            expected.add(2 * i);
        }
        List<Integer> results = new ArrayList<>(Pipeline.process(items, 1, 7, x -> 2 * x));
        results.sort(null);
        assertEquals(expected, results, "process(0..99, 1 worker, work = x -> 2x) must return every doubled item (any order)");
    }
}
