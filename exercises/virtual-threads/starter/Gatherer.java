import java.util.List;
import java.util.concurrent.Callable;

public class Gatherer {
    public static long sumAll(List<Callable<Long>> tasks) throws Exception {
        long sum = 0;
        for (Callable<Long> task : tasks) {
            sum += task.call();
        }
        return sum;
    }
}
