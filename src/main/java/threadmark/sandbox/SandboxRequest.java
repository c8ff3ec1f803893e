package threadmark.sandbox;

import java.util.List;
import java.util.function.Predicate;

/**
 * One command to run in a fresh container of an image, with bytes fed to its stdin. {@code protocolLine} tells
 * the harness's own lines from student output that imitates them, as they arrive: only those are kept as protocol
 * lines, so a flood of forged ones cannot crowd out the real ones. {@code startsAhead}: the command does nothing
 * before it has read its stdin (the grading harness), so its container may be started before the job exists.
 */
public record SandboxRequest(String image, List<String> command, byte[] stdin, SandboxLimits limits, String label,
                             Predicate<String> protocolLine, boolean startsAhead) {

    public SandboxRequest(String image, List<String> command, byte[] stdin, SandboxLimits limits, String label) {
        this(image, command, stdin, limits, label, line -> true);
    }

    public SandboxRequest(String image, List<String> command, byte[] stdin, SandboxLimits limits, String label,
                          Predicate<String> protocolLine) {
        this(image, command, stdin, limits, label, protocolLine, false);
    }
}
