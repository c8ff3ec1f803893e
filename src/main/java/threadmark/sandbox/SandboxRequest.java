package threadmark.sandbox;

import java.util.List;
import java.util.function.Predicate;

/**
 * One command to run in a fresh container of an image, with bytes fed to its stdin. {@code protocolLine} tells
 * the harness's own lines from student output that imitates them, as they arrive: only those are kept as protocol
 * lines, so a flood of forged ones cannot crowd out the real ones.
 */
public record SandboxRequest(String image, List<String> command, byte[] stdin, SandboxLimits limits, String label,
                             Predicate<String> protocolLine) {

    public SandboxRequest(String image, List<String> command, byte[] stdin, SandboxLimits limits, String label) {
        this(image, command, stdin, limits, label, line -> true);
    }
}
