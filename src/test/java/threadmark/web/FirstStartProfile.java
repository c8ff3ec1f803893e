package threadmark.web;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A first start as in production (no instructor password configured), for the browser journey; log kept in a file. */
public class FirstStartProfile implements QuarkusTestProfile {

    /** Per JVM, so that the profile and the test (loaded by different class loaders) agree on it. */
    static final Path LOG = Path.of("target", "first-start-" + ProcessHandle.current().pid() + ".log");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threadmark.accounts.bootstrap.instructor-password", "",
                "threadmark.accounts.bootstrap.require-password-change", "true",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG.toString());
    }

    /** The one-time password the first start printed. */
    static String oneTimePassword() throws IOException {
        Matcher printed = Pattern.compile("one-time password (\\S+)").matcher(Files.readString(LOG));
        if (!printed.find()) {
            throw new AssertionError("the first start printed no one-time password in " + LOG);
        }
        return printed.group(1);
    }
}
