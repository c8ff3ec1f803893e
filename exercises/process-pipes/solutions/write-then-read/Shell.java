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
        try {
            // Send all the input, then read all the output.
            try (OutputStream stdin = processes.getFirst().getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(processes.getLast().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < processes.size(); i++) {
                int status = processes.get(i).waitFor();
                if (status != 0) {
                    String stderr = new String(processes.get(i).getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                    throw new IOException(commands.get(i) + " exited with status " + status + ": " + stderr.strip());
                }
            }
            return output;
        } finally {
            for (Process process : processes) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
