import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

public class Async {

    /** asyncio.gather: completes with every result in the order of `futures`, without blocking a thread. */
    public static <T> CompletableFuture<List<T>> gather(List<CompletableFuture<T>> futures) {
        // TODO: this blocks the caller until every future is done, and waits for all even if one fails.
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> future : futures) {
            results.add(future.join());
        }
        return CompletableFuture.completedFuture(results);
    }

    /** create_task + gather: starts every job on `executor` at once, then gathers their results in order. */
    public static <T> CompletableFuture<List<T>> runAll(List<Supplier<T>> jobs, Executor executor) {
        // TODO: this runs the jobs one after another on the caller's thread.
        List<CompletableFuture<T>> done = new ArrayList<>();
        for (Supplier<T> job : jobs) {
            done.add(CompletableFuture.completedFuture(job.get()));
        }
        return gather(done);
    }
}
