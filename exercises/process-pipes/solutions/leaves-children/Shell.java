import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

public class Shell {
    public static String pipe(List<List<String>> commands, String input) throws IOException, InterruptedException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (List<String> command : commands) {
            builders.add(new ProcessBuilder(command));
        }
        List<Process> processes = ProcessBuilder.startPipeline(builders);
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream stdin = processes.getFirst().getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the first command stopped reading
            }
        });
        List<CompletableFuture<String>> stderrs = new ArrayList<>();
        for (Process process : processes) {
            InputStream stream = process.getErrorStream();
            CompletableFuture<String> text = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    text.complete("");
                }
            });
            stderrs.add(text);
        }
        String output = new String(processes.getLast().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (int i = 0; i < processes.size(); i++) {
            int status = processes.get(i).waitFor();
            if (status != 0) {
                // Report the failure at once; the other processes are simply abandoned.
                try {
                    throw new IOException(commands.get(i) + " exited with status " + status + ": "
                            + stderrs.get(i).get().strip());
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
        }
        feeder.join();
        return output;
    }
}
