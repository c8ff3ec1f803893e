import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Known-bad: runAll turns a failed job into a null result, so its future never fails. */
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
        List<CompletableFuture<T>> started = new ArrayList<>();
        for (Supplier<T> job : jobs) {
            // A failed job is logged and counted as null, so that one bad job does not lose the others' results.
            started.add(CompletableFuture.supplyAsync(job, executor).exceptionally(error -> {
                System.err.println("job failed: " + error);
                return null;
            }));
        }
        return gather(started);
    }
}
