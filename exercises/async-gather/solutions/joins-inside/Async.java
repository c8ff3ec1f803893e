import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

public class Async {

    public static <T> CompletableFuture<List<T>> gather(List<CompletableFuture<T>> futures) {
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> future : futures) {
            results.add(future.join());
        }
        return CompletableFuture.completedFuture(results);
    }

    public static <T> CompletableFuture<List<T>> runAll(List<Supplier<T>> jobs, Executor executor) {
        List<CompletableFuture<T>> started = new ArrayList<>();
        for (Supplier<T> job : jobs) {
            started.add(CompletableFuture.supplyAsync(job, executor));
        }
        return gather(started);
    }
}
