import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public class Shell {
    public static String pipe(List<List<String>> commands, String input) throws IOException, InterruptedException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (List<String> command : commands) {
            builders.add(new ProcessBuilder(command));
        }
        List<Process> processes = ProcessBuilder.startPipeline(builders);
        // Like a shell without `set -o pipefail`: the pipeline is done when the last command is, and its status is
        // the last command's.
        Process last = processes.getLast();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream stdin = processes.getFirst().getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the first command stopped reading
            }
        });
        byte[][] stderr = new byte[1][];
        Thread errorReader = Thread.ofVirtual().start(() -> {
            try {
                stderr[0] = last.getErrorStream().readAllBytes();
            } catch (IOException e) {
                stderr[0] = new byte[0];
            }
        });
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = last.waitFor();
        errorReader.join();
        feeder.join();
        if (status != 0) {
            throw new IOException(commands.getLast() + " exited with status " + status + ": "
                    + new String(stderr[0], StandardCharsets.UTF_8).strip());
        }
        return output;
    }
}
