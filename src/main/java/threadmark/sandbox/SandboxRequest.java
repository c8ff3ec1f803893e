package threadmark.sandbox;

import java.util.List;

/** One command to run in a fresh container of an image, with bytes fed to its stdin. */
public record SandboxRequest(String image, List<String> command, byte[] stdin, SandboxLimits limits, String label) {
}
