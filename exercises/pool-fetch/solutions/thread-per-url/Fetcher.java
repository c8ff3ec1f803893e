import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Known-bad: a new platform thread per url, with a semaphore keeping `parallelism` calls in flight: bounded calls, unbounded threads. */
public class Fetcher {
    public static List<String> fetchAll(List<String> urls, int parallelism, Function<String, String> client)
            throws InterruptedException, ExecutionException {
        Semaphore permits = new Semaphore(parallelism);
        String[] responses = new String[urls.size()];
        Throwable[] failures = new Throwable[urls.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            int index = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    permits.acquire();
                    try {
                        responses[index] = client.apply(urls.get(index));
                    } finally {
                        permits.release();
                    }
                } catch (Throwable t) {
                    failures[index] = t;
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                throw new ExecutionException(failure);
            }
        }
        return List.of(responses);
    }
}
