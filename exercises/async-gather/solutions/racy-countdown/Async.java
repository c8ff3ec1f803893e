import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Known-bad: counts the futures still pending in a plain int. Callbacks run on whichever thread completes a future,
 * so two futures completed at the same moment can lose a decrement, and the result never completes.
 */
public class Async {

    public static <T> CompletableFuture<List<T>> gather(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        if (futures.isEmpty()) {
            gathered.complete(List.of());
            return gathered;
        }
        Object[] results = new Object[futures.size()];
        int[] pending = {futures.size()};
        for (int i = 0; i < futures.size(); i++) {
            int index = i;
            futures.get(i).whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                    return;
                }
                results[index] = value;
                if (--pending[0] == 0) {
                    @SuppressWarnings("unchecked")
                    List<T> all = (List<T>) Arrays.asList(results.clone());
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
