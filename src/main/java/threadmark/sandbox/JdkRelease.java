package threadmark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code release} file of a JDK: which Java it is. */
record JdkRelease(String releaseText, int feature) {

    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    static JdkRelease of(Path jdkHome) {
        Path release = jdkHome.resolve("release");
        try {
            String text = Files.readString(release);
            Matcher matcher = VERSION.matcher(text);
            if (!matcher.find()) {
                throw new SandboxException("cannot read JAVA_VERSION from " + release);
            }
            int feature = Integer.parseInt(matcher.group(1));
            // 22: the harness makes itself undumpable through the foreign function API (25 adds the AOT cache).
            if (feature < 22) {
                throw new SandboxException("the sandbox needs a JDK 22 or newer, " + jdkHome + " is " + feature
                        + ": set threadmark.sandbox.jdk-home");
            }
            return new JdkRelease(text, feature);
        } catch (IOException e) {
            throw new SandboxException("cannot read " + release + ": set threadmark.sandbox.jdk-home to a JDK 22 or newer", e);
        }
    }
}
