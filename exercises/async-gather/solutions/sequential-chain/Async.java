import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

public class Async {

    public static <T> CompletableFuture<List<T>> gather(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenRun(() -> gathered.complete(futures.stream().map(CompletableFuture::join).toList()));
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

    // Each job starts only when the one before it has finished: a chain, not a gather.
    public static <T> CompletableFuture<List<T>> runAll(List<Supplier<T>> jobs, Executor executor) {
        CompletableFuture<List<T>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (Supplier<T> job : jobs) {
            chain = chain.thenCompose(results -> CompletableFuture.supplyAsync(job, executor).thenApply(value -> {
                results.add(value);
                return results;
            }));
        }
        return chain;
    }
}
