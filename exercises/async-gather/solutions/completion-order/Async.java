import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

public class Async {

    public static <T> CompletableFuture<List<T>> gather(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        if (futures.isEmpty()) {
            gathered.complete(List.of());
            return gathered;
        }
        List<T> results = Collections.synchronizedList(new ArrayList<>());
        for (CompletableFuture<T> future : futures) {
            future.whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(error);
                    return;
                }
                results.add(value);
                if (results.size() == futures.size()) {
                    gathered.complete(new ArrayList<>(results));
                }
            });
        }
        return gathered;
    }

    public static <T> CompletableFuture<List<T>> runAll(List<Supplier<T>> jobs, Executor executor) {
        List<CompletableFuture<T>> started = new ArrayList<>();
        for (Supplier<T> job : jobs) {
            started.add(CompletableFuture.supplyAsync(job, executor));
        }
        return gather(started);
    }
}
