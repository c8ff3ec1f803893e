import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Known-bad: runAll (not gather) adds each job's result to a list when the job finishes: the list is in completion order. */
public class Async {

    public static <T> CompletableFuture<List<T>> gather(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        // Success: once every future is done, read the results in the order of the list.
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenRun(() -> gathered.complete(futures.stream().map(CompletableFuture::join).toList()));
        // Failure: the first failure completes the result at once; later ones change nothing.
        for (CompletableFuture<T> future : futures) {
            future.whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                }
            });
        }
        return gathered;
    }

    public static <T> CompletableFuture<List<T>> runAll(List<Supplier<T>> jobs, Executor executor) {
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        if (jobs.isEmpty()) {
            all.complete(List.of());
            return all;
        }
        List<T> results = Collections.synchronizedList(new ArrayList<>());
        for (Supplier<T> job : jobs) {
            CompletableFuture.supplyAsync(job, executor).whenComplete((value, error) -> {
                if (error != null) {
                    all.completeExceptionally(error.getCause() != null ? error.getCause() : error);
                    return;
                }
                results.add(value);
                if (results.size() == jobs.size()) {
                    all.complete(new ArrayList<>(results));
                }
            });
        }
        return all;
    }
}
