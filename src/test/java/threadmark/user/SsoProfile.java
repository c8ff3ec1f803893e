package threadmark.user;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Single sign-on switched on against the test OpenID provider ({@link OpenIdProvider}). A profile of its own because
 * the provider's URL is part of the server's configuration at start, and because switching single sign-on on for
 * every test would put a provider (a Node process) under all of them. New accounts for verified emails of
 * uni.example, and linking by verified email, are on here so that one server shows every rule.
 */
public class SsoProfile implements QuarkusTestProfile {

    static final String PROVIDER_NAME = "Test University";
    /** Per JVM, so that the profile and the test (loaded by different class loaders) agree on it. */
    static final Path LOG = Path.of("target", "sso-test-" + ProcessHandle.current().pid() + ".log");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threadmark.sso.enabled", "true",
                "threadmark.sso.provider-name", PROVIDER_NAME,
                "threadmark.sso.create-accounts", "true",
                "threadmark.sso.email-domains", "uni.example",
                "threadmark.sso.link-verified-email", "true",
                "threadmark.grading.enabled", "false",
                // Any free port: the provider accepts Threadmark's redirect URI on any loopback port.
                "quarkus.http.test-port", "0",
                "quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenIdProvider.class));
    }
}
