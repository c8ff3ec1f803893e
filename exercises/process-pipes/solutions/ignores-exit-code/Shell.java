import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public class Shell {
    public static String pipe(List<List<String>> commands, String input) throws IOException, InterruptedException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (List<String> command : commands) {
            builders.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD));
        }
        List<Process> processes = ProcessBuilder.startPipeline(builders);
        try {
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (OutputStream stdin = processes.getFirst().getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the first command stopped reading
                }
            });
            String output = new String(processes.getLast().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (Process process : processes) {
                process.waitFor();
            }
            feeder.join();
            return output;
        } finally {
            for (Process process : processes) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
