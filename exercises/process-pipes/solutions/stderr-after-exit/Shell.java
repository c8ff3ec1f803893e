import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Known-bad: reads a command's stderr only after it exited with a failure: a command that writes much to stderr blocks. */
public class Shell {
    public static String pipe(List<List<String>> commands, String input) throws IOException, InterruptedException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (List<String> command : commands) {
            builders.add(new ProcessBuilder(command));
        }
        List<Process> processes = ProcessBuilder.startPipeline(builders);
        try {
            // stdin is fed and stdout drained at the same time; stderr is read once a command has failed.
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (OutputStream stdin = processes.getFirst().getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // The first command stopped reading early; its exit status tells the story.
                }
            });
            String output = new String(processes.getLast().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < processes.size(); i++) {
                int status = processes.get(i).waitFor();
                if (status != 0) {
                    throw new IOException(commands.get(i) + " exited with status " + status + ": "
                            + new String(processes.get(i).getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                }
            }
            feeder.join();
            return output;
        } finally {
            for (Process process : processes) {
                process.destroyForcibly();
            }
            for (Process process : processes) {
                process.waitFor();
            }
        }
    }

    private static CompletableFuture<String> readInBackground(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("(stderr unreadable: " + e.getMessage() + ")");
            }
        });
        return text;
    }

    private static String join(CompletableFuture<String> text) throws InterruptedException {
        try {
            return text.get();
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }
}
