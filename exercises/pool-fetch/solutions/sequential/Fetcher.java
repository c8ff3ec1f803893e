import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

public class Fetcher {
    public static List<String> fetchAll(List<String> urls, int parallelism, Function<String, String> client)
            throws InterruptedException, ExecutionException {
        List<String> responses = new ArrayList<>();
        for (String url : urls) {
            responses.add(client.apply(url));
        }
        return responses;
    }
}
