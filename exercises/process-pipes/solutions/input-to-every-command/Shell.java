import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Known-bad: starts every command at once, but as separate processes that each get the input: nothing connects one
 * command's stdout to the next one's stdin, and the last command's output is returned.
 */
public class Shell {
    public static String pipe(List<List<String>> commands, String input) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        try {
            for (List<String> command : commands) {
                processes.add(new ProcessBuilder(command).start());
            }
            List<CompletableFuture<String>> outputs = new ArrayList<>();
            List<CompletableFuture<String>> stderrs = new ArrayList<>();
            for (Process process : processes) {
                Thread.ofVirtual().start(() -> {
                    try (OutputStream stdin = process.getOutputStream()) {
                        stdin.write(input.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // stopped reading
                    }
                });
                outputs.add(readInBackground(process.getInputStream()));
                stderrs.add(readInBackground(process.getErrorStream()));
            }
            for (int i = 0; i < processes.size(); i++) {
                int status = processes.get(i).waitFor();
                if (status != 0) {
                    throw new IOException(commands.get(i) + " exited with status " + status + ": "
                            + stderrs.get(i).join().strip());
                }
            }
            return outputs.getLast().join();
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
                text.complete("");
            }
        });
        return text;
    }
}
