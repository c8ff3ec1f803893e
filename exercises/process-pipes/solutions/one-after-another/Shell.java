import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

public class Shell {
    /** Like Python's `out = subprocess.run(cmd, input=out, capture_output=True, check=True).stdout` in a loop. */
    public static String pipe(List<List<String>> commands, String input) throws IOException, InterruptedException {
        byte[] data = input.getBytes(StandardCharsets.UTF_8);
        for (List<String> command : commands) {
            data = run(command, data);
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    private static byte[] run(List<String> command, byte[] input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        try {
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input);
                } catch (IOException e) {
                    // the command stopped reading
                }
            });
            byte[][] stderr = new byte[1][];
            Thread errorReader = Thread.ofVirtual().start(() -> {
                try {
                    stderr[0] = process.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    stderr[0] = new byte[0];
                }
            });
            byte[] output = process.getInputStream().readAllBytes();
            int status = process.waitFor();
            feeder.join();
            errorReader.join();
            if (status != 0) {
                throw new IOException(command + " exited with status " + status + ": "
                        + new String(stderr[0], StandardCharsets.UTF_8).strip());
            }
            return output;
        } finally {
            process.destroyForcibly().waitFor();
        }
    }
}
