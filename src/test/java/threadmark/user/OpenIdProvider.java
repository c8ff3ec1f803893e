package threadmark.user;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID provider for the single sign-on tests: the npm package oidc-provider, installed once under
 * target/openid-provider by {@code npm ci} from the lock file in test resources (again only when that lock changes),
 * run by Node with src/test/resources/sso/provider.mjs on a free port before Quarkus starts; its issuer and our
 * client become the "sso" tenant's settings.
 */
public class OpenIdProvider implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "threadmark";
    /** 32+ characters: quarkus-oidc also encrypts the PKCE verifier and its session cookie with it. */
    static final String CLIENT_SECRET = "test-only-client-secret-not-a-secret-0123";

    private static final Path DIR = Path.of("target", "openid-provider");
    private static final String[] FILES = {"package.json", "package-lock.json", "provider.mjs"};

    private Process node;

    @Override
    public Map<String, String> start() {
        try {
            long began = System.nanoTime();
            install();
            long installed = System.nanoTime();
            String issuer = run();
            System.out.printf("OpenID provider %s: install %d ms, start %d ms%n", issuer,
                    (installed - began) / 1_000_000, (System.nanoTime() - installed) / 1_000_000);
            return Map.of("quarkus.oidc.sso.auth-server-url", issuer,
                    "quarkus.oidc.sso.client-id", CLIENT_ID,
                    "quarkus.oidc.sso.credentials.secret", CLIENT_SECRET);
        } catch (IOException e) {
            throw new IllegalStateException("the test OpenID provider did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Idempotent: skipped while node_modules holds what the committed lock file names. */
    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        for (String file : FILES) {
            try (InputStream in = OpenIdProvider.class.getResourceAsStream("/sso/" + file)) {
                if (in == null) {
                    throw new IOException("test resource sso/" + file + " is missing");
                }
                Files.copy(in, DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path installedLock = DIR.resolve("node_modules/.package-lock.json");
        Path stamp = DIR.resolve("node_modules/.threadmark-lock");
        String lock = Files.readString(DIR.resolve("package-lock.json"));
        if (Files.exists(installedLock) && Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
            return;
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(DIR.resolve("npm.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("npm (with Node.js 20 or later) must be on the PATH: " + e.getMessage(), e);
        }
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IOException("npm ci of oidc-provider failed (is npm on PATH and the registry reachable?): "
                    + Files.readString(DIR.resolve("npm.log")));
        }
        Files.writeString(stamp, lock);
    }

    /** Starts Node and waits for the provider's "ready <issuer>" line. */
    private String run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "provider.mjs").directory(DIR.toFile())
                .redirectError(DIR.resolve("provider-errors.log").toFile());
        builder.environment().put("CLIENT_ID", CLIENT_ID);
        builder.environment().put("CLIENT_SECRET", CLIENT_SECRET);
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new IOException("Node.js 20 or later must be on the PATH (node --version): " + e.getMessage(), e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("ready ")) {
                        return line.substring("ready ".length()).strip();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String issuer;
        try {
            issuer = ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            issuer = null;
        }
        if (issuer == null) {
            node.destroyForcibly();
            throw new IOException("node provider.mjs did not say it was ready: "
                    + Files.readString(DIR.resolve("provider-errors.log")));
        }
        // Keep reading, so that a full pipe never blocks the provider.
        Thread.ofVirtual().start(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the provider stopped
            }
        });
        return issuer;
    }

    @Override
    public void stop() {
        if (node != null) {
            node.destroy();
            try {
                if (!node.waitFor(5, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
