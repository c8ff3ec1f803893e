import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/** Known-bad: completes the result from the last future's callback; with no futures there is no callback, so it never completes. */
public class Async {

    public static <T> CompletableFuture<List<T>> gather(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(futures.size());
        AtomicInteger pending = new AtomicInteger(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            int index = i;
            futures.get(i).whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                    return;
                }
                results.set(index, value);
                if (pending.decrementAndGet() == 0) {
                    List<T> all = new ArrayList<>();
                    for (int j = 0; j < results.length(); j++) {
                        all.add(results.get(j));
                    }
                    gathered.complete(all);
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
