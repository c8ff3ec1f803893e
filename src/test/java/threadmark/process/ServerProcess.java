package threadmark.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/quarkus-app}) as a real operating-system process, for tests that kill it,
 * run several of it, or take its database away. Its output goes to a log file the test reads.
 */
public final class ServerProcess implements AutoCloseable {

    /** Production refuses to start without it; SessionKeyIT starts one without (mapped to null: not passed). */
    static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server with these system properties (null: leave unset) on a free port; waits until it is ready. */
    public static ServerProcess start(String name, Map<String, String> properties) throws IOException, InterruptedException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after `mvn package`");
        }
        int port = freePort();
        Path log = Files.createDirectories(Path.of("target/process-logs")).resolve(name + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.banner.enabled=false");
        // Several servers run side by side here: each its own metrics port (the packaged default is 9000).
        command.add("-Dquarkus.management.port=0");
        // The workload logs in as instructor/instructor; PasswordLifecycleTest covers a real first start.
        command.add("-Dthreadmark.accounts.bootstrap.instructor-password=instructor");
        command.add("-Dthreadmark.accounts.bootstrap.require-password-change=false");
        // Publish the catalogue at once: these processes test crashes, outages and roles, not publishing (the
        // catalogue test and ExerciseFolderGateTest validate folders).
        command.add("-Dthreadmark.exercises.validate-changes=false");
        // Their students are enrolled in no course.
        command.add("-Dthreadmark.exercises.practice-by-default=true");
        if (!properties.containsKey(SESSION_KEY)) {
            command.add("-D" + SESSION_KEY + "=process-test-session-key-not-a-secret");
        }
        properties.forEach((key, value) -> {
            if (value != null) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(name, process, port, log);
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (get("/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
    }

    public HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        return send(request(path, user).GET().build());
    }

    public HttpResponse<String> postJson(String path, String user, String json) throws IOException, InterruptedException {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (user != null) {
            String credentials = user + ":" + user;
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, no clean-up, as in a crash or an OOM kill. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a line this process logs asynchronously (after readiness, for example). */
    public void awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not log \"" + text + "\" within " + timeout + ":\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String tail() {
        String text = log();
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
