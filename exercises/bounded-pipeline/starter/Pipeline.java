import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

public class Pipeline {
    public static List<Integer> process(List<Integer> items, int workers, int capacity,
                                        Function<Integer, Integer> work) throws InterruptedException {
        List<Integer> results = new ArrayList<>();
        for (Integer item : items) {
            results.add(work.apply(item));
        }
        return results;
    }
}
