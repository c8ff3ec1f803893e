package threadmark.lti.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test platform launches an independent LTI 1.3 tool, ltijs (npm), which validates launches strictly: its
 * signature from our key set, issuer, audience, nonce, state cookie, message claims. ltijs accepting a launch and
 * refusing a forged one shows the platform speaks standard LTI, so Threadmark's tests do not merely agree with
 * themselves. Installs ltijs into target/ltijs once, the versions locked (src/test/resources/ltijs, npm registry).
 */
class LtijsInteropTest {

    private static final Path DIR = Path.of("target/ltijs");

    private Process tool;
    private TestPlatform platform;
    private PlatformServices services;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        install();
        Files.copy(Path.of("src/test/resources/ltijs/tool.js"), DIR.resolve("tool.js"),
                StandardCopyOption.REPLACE_EXISTING);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        platform = TestPlatform.start(base, "/login", "/");
        // The LMS's token and score endpoints, checking ltijs' client assertions against ltijs' own key set.
        services = new PlatformServices(platform.clientId, () -> fetch(base + "/keys"));
        ProcessBuilder node = new ProcessBuilder("node", "tool.js").directory(DIR.toFile()).redirectErrorStream(true);
        Map<String, String> env = node.environment();
        env.put("PORT", String.valueOf(port));
        env.put("LTI_KEY", "ltijs-interop-test-key");
        env.put("DB_NAME", System.getenv().getOrDefault("THREADMARK_TEST_DB_NAME", "threadmark_test"));
        env.put("DB_HOST", System.getenv().getOrDefault("THREADMARK_DB_HOST", "127.0.0.1"));
        env.put("DB_PORT", System.getenv().getOrDefault("THREADMARK_PG_PORT", "5432"));
        env.put("DB_USER", System.getenv().getOrDefault("THREADMARK_DB_USER", "threadmark"));
        env.put("DB_PASSWORD", System.getenv().getOrDefault("THREADMARK_DB_PASSWORD", "threadmark"));
        env.put("ISSUER", platform.issuer);
        env.put("CLIENT_ID", platform.clientId);
        env.put("AUTH_URL", platform.url("/auth"));
        env.put("TOKEN_URL", services.tokenUrl());
        env.put("JWKS_URL", platform.url("/jwks"));
        tool = node.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> read(tool.getInputStream(), ready));
        ready.get(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (tool != null) {
            tool.destroy();
            tool.waitFor(10, TimeUnit.SECONDS);
        }
        if (platform != null) {
            platform.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void ltijsAcceptsTheTestPlatformsLaunchAndItsScoreReachesTheLineItem() {
        PlatformBrowser.Launched launched = new PlatformBrowser().launch(platform,
                LaunchSpec.learner("ltijs-student").context("ltijs-course", "Interop").link("ltijs-link")
                        .lineItem(services.lineItemUrl("ltijs-link")));
        assertThat(platform.refusals).as("what the platform refused of ltijs' login").isEmpty();
        assertThat(launched.landed()).as("ltijs answered the launch with %s: %s, tool output %s",
                launched.launch() == null ? null : launched.launch().status(),
                launched.launch() == null ? launched.login().body() : launched.launch().body(), output).isNotNull();
        assertThat(launched.landed().body()).contains("LTIJS-LAUNCH-OK user=ltijs-student context=ltijs-course "
                + "resource=ltijs-link roles=" + LaunchSpec.LEARNER);
        // ltijs asked our test LMS for a token with its own signed assertion and posted a score as AGS says: the
        // LMS's checks (content type, scope, claims) agree with an implementation that is not ours.
        assertThat(launched.landed().body()).as("tool output %s, LMS refusals %s", output, services.refusals())
                .endsWith(" score=SENT");
        assertThat(services.refusals()).isEmpty();
        assertThat(services.scoresByUser().get("ltijs-student")).singleElement().satisfies(score -> {
            assertThat(score.scoreGiven()).isEqualTo(70.0);
            assertThat(score.scoreMaximum()).isEqualTo(100.0);
            assertThat(score.gradingProgress()).isEqualTo("FullyGraded");
            assertThat(score.lineItem()).isEqualTo("ltijs-link");
        });
        assertThat(services.tokensIssued()).isEqualTo(1);
    }

    private static String fetch(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("ltijs' key set at " + url + ": " + e, e);
        }
    }

    @Test
    void ltijsRefusesALaunchSignedByAnotherKey() {
        PlatformBrowser.Launched launched = new PlatformBrowser().launch(platform,
                LaunchSpec.learner("ltijs-forged").signWith(TestPlatform.newKey(platform.kid())));
        assertThat(launched.launch()).isNotNull();
        assertThat(launched.landed() == null || !launched.landed().body().contains("LTIJS-LAUNCH-OK")).isTrue();
        assertThat(launched.launch().status()).isIn(400, 401);
    }

    private void read(InputStream in, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.contains("LTIJS-READY")) {
                    ready.complete(null);
                } else if (line.contains("LTIJS-FAILED")) {
                    ready.completeExceptionally(new IllegalStateException("ltijs did not start: " + output));
                }
            }
            ready.completeExceptionally(new IllegalStateException("ltijs exited: " + output));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** npm install into target/ltijs, once per clean checkout. */
    private static void install() throws IOException, InterruptedException {
        Path lock = Path.of("src/test/resources/ltijs/package-lock.json");
        if (Files.isDirectory(DIR.resolve("node_modules/ltijs")) && Files.exists(DIR.resolve("package-lock.json"))
                && Files.mismatch(lock, DIR.resolve("package-lock.json")) == -1) {
            return;
        }
        Files.createDirectories(DIR);
        Files.copy(Path.of("src/test/resources/ltijs/package.json"), DIR.resolve("package.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(lock, DIR.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
        // Not inheritIO: npm would share surefire's stdin (its command channel) and make it non-blocking.
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                .redirectErrorStream(true).redirectOutput(DIR.resolve("npm.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(npm.waitFor(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS)).as("npm ci in time").isTrue();
        assertThat(npm.exitValue()).as("npm ci of ltijs: %s", Files.readString(DIR.resolve("npm.log"))).isZero();
    }

}
