package threadmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import threadmark.format.ExerciseDefinition;
import threadmark.format.ExerciseFolder;
import threadmark.format.ExerciseFolderReader;
import threadmark.format.TestCompiler;
import threadmark.grading.Grader;
import threadmark.grading.HarnessCommand;
import threadmark.grading.GradingInput;
import threadmark.grading.LocalCores;
import threadmark.sandbox.BareHarnessRunner;
import threadmark.sandbox.HarnessBundle;
import threadmark.sandbox.PeerPipeline;
import threadmark.sandbox.Sandbox;
import threadmark.sandbox.SandboxConfig;
import threadmark.sandbox.SandboxRunner;
import threadmark.sandbox.StandaloneSandboxConfig;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Drives a running Threadmark server over HTTP with real submissions and measures what students wait for: submit to
 * stored score on an empty queue, throughput and losses under a burst, where each grading's time goes, and the
 * sandbox's own overhead against the same harness on a bare JVM. Run by scripts/bench.sh, which starts the server;
 * not part of the test suite. Arguments: the server's URL and the report file to write.
 */
public final class GradingBenchmark {

    private static final String PASSWORD = "bench-password";
    private static final int STUDENTS = 20;
    private static final int LIGHT_RUNS = Integer.getInteger("bench.light", 20);
    private static final int PRIMES_RUNS = Integer.getInteger("bench.primes", 5);
    private static final int IDLE_RUNS = Integer.getInteger("bench.idle", 10);
    /** How long the server is left idle before each submission of the idle series: a student reading a result. */
    private static final long IDLE_PAUSE_MILLIS = 3_000;
    private static final int BURST = Integer.getInteger("bench.burst", 200);
    private static final int BARE_ROUNDS = Integer.getInteger("bench.bare", 10);

    private final ServerClient server;
    private final Report report;

    private GradingBenchmark(ServerClient server, Report report) {
        this.server = server;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Report report = new Report(Path.of(args.length > 1 ? args[1] : "bench/results.md"));
        new GradingBenchmark(new ServerClient(args.length > 0 ? args[0] : "http://127.0.0.1:8098"), report).run();
        report.write();
    }

    private void run() throws Exception {
        Instant start = Instant.now();
        Map<String, String> counter = solution("race-counter", "reference");
        List<Map<String, String>> racy = new ArrayList<>();
        for (String bad : List.of("unsynchronized", "lock-per-call", "volatile-only", "get-then-set")) {
            racy.add(solution("race-counter", bad));
        }
        Map<String, String> primes = solution("parallel-primes", "reference");
        createStudents();
        report.section("Warm-up", "2 race-counter gradings (the first may build the sandbox image), not counted.");
        for (int i = 0; i < 2; i++) {
            awaitOne(student(0), server.submit(student(0), PASSWORD, "race-counter", counter));
        }
        List<JsonNode> light = sequential("race-counter", counter, LIGHT_RUNS);
        List<JsonNode> heavy = sequential("parallel-primes", primes, PRIMES_RUNS);
        List<JsonNode> idle = sequential("race-counter", counter, IDLE_RUNS, IDLE_PAUSE_MILLIS);
        report.latency("race-counter (reference), queue empty", light);
        report.latency("parallel-primes (reference), queue empty", heavy);
        report.latency("race-counter (reference), server idle " + IDLE_PAUSE_MILLIS / 1000 + " s before each", idle);
        report.phases("race-counter, queue empty", light);
        report.phases("race-counter, server idle before each", idle);
        burst(counter, racy, primes);
        report.section("Queue wait estimates", QueueEstimates.describe(start));
        pipelines(counter);
        new CrowdBenchmark(server, report).run();
    }

    private void createStudents() throws IOException, InterruptedException {
        for (int i = 0; i < STUDENTS; i++) {
            int status = server.post("instructor", System.getProperty("bench.instructor-password", "instructor"),
                    "/api/users", Map.of("username", student(i), "password", PASSWORD, "role", "STUDENT")).status();
            if (status != 201 && status != 409) {
                throw new IllegalStateException("could not create " + student(i) + ": HTTP " + status);
            }
        }
    }

    private static String student(int i) {
        return "bench-" + (i + 1);
    }

    /** One submission at a time, each sent as soon as the one before was graded: the queue is empty when it arrives. */
    private List<JsonNode> sequential(String exercise, Map<String, String> files, int runs) throws Exception {
        return sequential(exercise, files, runs, 0);
    }

    /** The same, with the server left idle for {@code pauseMillis} before each submission. */
    private List<JsonNode> sequential(String exercise, Map<String, String> files, int runs, long pauseMillis)
            throws Exception {
        List<JsonNode> graded = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Thread.sleep(pauseMillis);
            String who = student(i % STUDENTS);
            graded.add(awaitOne(who, server.submit(who, PASSWORD, exercise, files)));
        }
        return graded;
    }

    private JsonNode awaitOne(String who, long id) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode view = server.get(who, PASSWORD, "/api/submissions/" + id).body();
            if (view.path("status").asText().equals("DONE") || view.path("status").asText().equals("ERROR")) {
                return view;
            }
            // Every API call checks a bcrypt password: polling faster would load the cores being measured.
            Thread.sleep(200);
        }
        throw new IllegalStateException("submission " + id + " was not graded within 300 s");
    }

    /**
     * {@code BURST} race-counter submissions sent at once (half correct, half one of the four known-bad races, each
     * of which scores 20 when graded alone), with three parallel-primes references among them whose speedup must
     * still be judged right.
     */
    private void burst(Map<String, String> counter, List<Map<String, String>> racy, Map<String, String> primes)
            throws Exception {
        Map<Long, Double> expected = new ConcurrentHashMap<>();
        Map<Long, String> owner = new ConcurrentHashMap<>();
        List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        long sent0 = System.currentTimeMillis();
        try (ExecutorService clients = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < BURST + 3; i++) {
                int n = i;
                clients.submit(() -> {
                    boolean primesRun = n >= BURST;
                    String who = student(n % STUDENTS);
                    Map<String, String> files = primesRun ? primes : n % 2 == 0 ? counter : racy.get(n / 2 % racy.size());
                    try {
                        if (primesRun) {
                            Thread.sleep((n - BURST) * 20_000L);
                        }
                        long id = server.submit(who, PASSWORD, primesRun ? "parallel-primes" : "race-counter", files);
                        expected.put(id, primesRun || n % 2 == 0 ? 100.0 : 20.0);
                        owner.put(id, who);
                    } catch (Exception e) {
                        refused.add(e.getMessage());
                    }
                    return null;
                });
            }
        }
        long sentMillis = System.currentTimeMillis() - sent0;
        Map<Long, JsonNode> done = awaitAll(owner);
        report.burst(BURST, expected, done, refused, sentMillis);
    }

    /** Polls each student's submission list (not every submission) until every id is graded or 20 minutes pass. */
    private Map<Long, JsonNode> awaitAll(Map<Long, String> owner) throws Exception {
        Map<Long, JsonNode> done = new HashMap<>();
        long deadline = System.nanoTime() + 1_200_000_000_000L;
        List<String> exercises = List.of("race-counter", "parallel-primes");
        while (done.size() < owner.size() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            for (String who : owner.values().stream().distinct().toList()) {
                for (String exercise : exercises) {
                    for (JsonNode view : server.get(who, PASSWORD, "/api/exercises/" + exercise + "/submissions").body()) {
                        long id = view.get("id").asLong();
                        String status = view.path("status").asText();
                        if (owner.containsKey(id) && (status.equals("DONE") || status.equals("ERROR"))) {
                            done.put(id, view);
                        }
                    }
                }
            }
        }
        return done;
    }

    /**
     * The same race-counter grading, round after round, four ways: in the sandbox as the server grades (a container
     * started ahead), in the sandbox with a container started for the job, on a bare JVM (no container), and the way
     * autograders usually do it ({@link PeerPipeline}), {@code BARE_ROUNDS} rounds each after one not counted.
     */
    private void pipelines(Map<String, String> files) throws Exception {
        try (Sandbox sandbox = new Sandbox(StandaloneSandboxConfig.load(), HarnessBundle.fromClasspath())) {
            ExerciseFolder exercise = new ExerciseFolderReader().read(Path.of("exercises/race-counter"));
            Map<String, byte[]> tests = new TestCompiler(sandbox.bundle()).compile(exercise);
            Map<String, String> testSources = new HashMap<>();
            exercise.files().forEach((path, bytes) -> {
                if (path.startsWith("tests/") && path.endsWith(".java")) {
                    testSources.put(path.substring("tests/".length()), new String(bytes, StandardCharsets.UTF_8));
                }
            });
            String java = ProcessHandle.current().info().command().orElse("java");
            Grader warm = new Grader(sandbox);
            SandboxRunner coldRunner = new SandboxRunner(sandbox.docker(), withoutWarmStart(sandbox.config()));
            Grader cold = new Grader(sandbox, coldRunner);
            Grader bare = new Grader(sandbox, new BareHarnessRunner(sandbox.bundle(), java,
                    sandbox.config().outputLimitBytes()));
            PeerPipeline peer = new PeerPipeline(sandbox.docker(), Path.of(System.getProperty("java.home")),
                    sandbox.bundle(), Path.of(System.getProperty("bench.console-jar", "target/peer/console.jar")));
            peer.image();
            ExerciseDefinition.Limits limits = exercise.definition().limits();
            String cpuset = LocalCores.cpusetFor(limits.cpus());
            Map<String, List<Long>> millis = new LinkedHashMap<>();
            for (String way : List.of("warm", "cold", "bare", "peer")) {
                millis.put(way, new ArrayList<>());
            }
            for (int i = 0; i < BARE_ROUNDS + 1; i++) {
                GradingInput input = new GradingInput("bench-" + i, exercise.definition(), tests, files);
                long t0 = System.nanoTime();
                double w = warm.grade(input, cpuset).score();
                long t1 = System.nanoTime();
                double c = cold.grade(input, cpuset).score();
                long t2 = System.nanoTime();
                double b = bare.grade(input, null).score();
                long t3 = System.nanoTime();
                PeerPipeline.Result p = peer.grade(files, testSources, exercise.definition().testClasses(),
                        HarnessCommand.exerciseOptions(exercise.definition()), limits.memoryMb(), limits.cpus(), cpuset);
                if (w != 100 || c != 100 || b != 100 || p.failed() != 0 || p.succeeded() != exercise.definition().tests().size()) {
                    throw new IllegalStateException("the reference scored " + w + " in a warm sandbox, " + c
                            + " in a cold one, " + b + " bare, and the usual pipeline said " + p);
                }
                if (i > 0) {
                    millis.get("warm").add((t1 - t0) / 1_000_000);
                    millis.get("cold").add((t2 - t1) / 1_000_000);
                    millis.get("bare").add((t3 - t2) / 1_000_000);
                    millis.get("peer").add(p.millis());
                }
            }
            coldRunner.close();
            report.pipelines(Stats.of(millis.get("warm")), Stats.of(millis.get("cold")), Stats.of(millis.get("bare")),
                    Stats.of(millis.get("peer")), sandbox.docker().versionCmd().exec().getVersion(), java);
        }
    }

    /** The same settings with no container started ahead of a job. */
    private static SandboxConfig withoutWarmStart(SandboxConfig config) {
        return (SandboxConfig) Proxy.newProxyInstance(SandboxConfig.class.getClassLoader(),
                new Class<?>[] {SandboxConfig.class}, (proxy, method, args) ->
                        method.getName().equals("warmStart") ? Boolean.FALSE : method.invoke(config, args));
    }

    private static Map<String, String> solution(String exercise, String folder) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> paths = Files.list(Path.of("exercises", exercise, "solutions", folder))) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        return files;
    }

    static long millisBetween(JsonNode view, String from, String to) {
        return Instant.parse(view.get(to).asText()).toEpochMilli() - Instant.parse(view.get(from).asText()).toEpochMilli();
    }
}
