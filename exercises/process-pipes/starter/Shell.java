import java.io.IOException;
import java.util.List;

public class Shell {
    /**
     * Runs the commands as separate processes connected like a shell pipeline (cmd1 | cmd2 | ...): {@code input}
     * (UTF-8) goes to the first one's stdin, and the last one's entire stdout (UTF-8) is returned. All the
     * processes run at the same time. If any exits with a non-zero status, throws an IOException whose message
     * names that command, its exit code and its stderr. No child process is left running when the method
     * returns or throws.
     */
    public static String pipe(List<List<String>> commands, String input) throws IOException, InterruptedException {
        // TODO start the processes, connect them, feed the input, collect the output
        throw new UnsupportedOperationException("not implemented yet");
    }
}
