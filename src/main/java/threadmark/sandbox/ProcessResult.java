package threadmark.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Exit code and merged output of a short host command (jlink, ldd). */
record ProcessResult(int exitCode, String output) {

    static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ProcessResult(process.waitFor(), output);
    }
}
