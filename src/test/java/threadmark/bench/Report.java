package threadmark.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The benchmark's figures as Markdown: printed as they come, and written whole to the report file at the end. */
final class Report {

    private final Path file;
    private final StringBuilder text = new StringBuilder();

    Report(Path file) {
        this.file = file;
        line("# Threadmark grading benchmark");
        line("");
        line("Run " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " by `scripts/bench.sh` at commit `"
                + command("git", "rev-parse", "--short", "HEAD") + "`.");
        line("");
        line("Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + memory() + " memory, Linux " + command("uname", "-r") + ".");
    }

    void section(String title, String body) {
        line("");
        line("## " + title);
        line("");
        line(body);
    }

    /** Submit to stored score, from the server's own timestamps (submitted, grading finished). */
    void latency(String title, List<JsonNode> views) {
        Stats stats = Stats.of(views.stream().map(v -> GradingBenchmark.millisBetween(v, "submittedAt", "finishedAt")).toList());
        long failed = views.stream().filter(v -> !v.path("status").asText().equals("DONE")).count();
        section("Submit to stored score: " + title, stats.seconds()
                + (failed > 0 ? "; **" + failed + " ended in ERROR** (retried and given up)" : "; all graded"));
    }

    /** Medians of each phase of a grading: the queue, the container's life, compiling, testing and storing. */
    void phases(String title, List<JsonNode> views) {
        section("Where the time goes: " + title, "Medians over " + views.size() + " gradings, ms:");
        line("");
        line("| phase | ms |");
        line("| --- | --- |");
        row("queue wait (submitted → claimed by a worker)", views, v -> GradingBenchmark.millisBetween(v, "submittedAt", "startedAt"));
        row("container create", views, v -> timing(v, "containerCreateMillis"));
        row("container start", views, v -> timing(v, "containerStartMillis"));
        row("JVM start and harness (run − compile − tests)", views,
                v -> timing(v, "runMillis") - timing(v, "compileMillis") - timing(v, "testsMillis"));
        row("compile (javac in the harness)", views, v -> timing(v, "compileMillis"));
        row("tests", views, v -> timing(v, "testsMillis"));
        row("container teardown", views, v -> timing(v, "containerRemoveMillis"));
        row("container started ahead of the job (1) or for it (0)", views, v -> timing(v, "warmContainer"));
        row("CPU time of the grading JVM before its job (JVM start, warm-up)", views, v -> timing(v, "cpuBeforeJobMillis"));
        row("CPU time compiling", views, v -> timing(v, "cpuCompileMillis"));
        row("CPU time running the tests", views, v -> timing(v, "cpuTestsMillis"));
        row("result store and the rest (finished − claimed − container)", views,
                v -> GradingBenchmark.millisBetween(v, "startedAt", "finishedAt") - timing(v, "containerCreateMillis")
                        - timing(v, "containerStartMillis") - timing(v, "runMillis") - timing(v, "containerRemoveMillis"));
    }

    void burst(int size, Map<Long, Double> expected, Map<Long, JsonNode> done, List<String> refused, long sentMillis) {
        List<JsonNode> race = new ArrayList<>();
        List<JsonNode> primes = new ArrayList<>();
        int wrong = 0;
        int errors = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (Map.Entry<Long, Double> e : expected.entrySet()) {
            JsonNode view = done.get(e.getKey());
            if (view == null) {
                continue;
            }
            (view.path("exercise").asText().equals("parallel-primes") ? primes : race).add(view);
            if (view.path("status").asText().equals("ERROR")) {
                errors++;
            } else if (view.path("score").asDouble() != e.getValue()) {
                wrong++;
            }
            first = Math.min(first, Instant.parse(view.get("submittedAt").asText()).toEpochMilli());
            last = Math.max(last, Instant.parse(view.get("finishedAt").asText()).toEpochMilli());
        }
        int accepted = expected.size();
        int lost = accepted - done.size();
        double minutes = (last - first) / 60_000.0;
        long primesRight = primes.stream().filter(v -> v.path("score").asDouble() == 100.0).count();
        section("Burst: " + size + " race-counter submissions at once, 3 parallel-primes among them",
                String.format("Sent in %.1f s. Accepted %d, refused %d, graded %d, **lost %d**, grading errors %d, "
                                + "verdicts different from grading alone %d.%n%n"
                                + "Sustained: **%.1f gradings per minute** (first submitted to last stored: %.1f s).%n%n"
                                + "parallel-primes reference during the burst: %d of %d scored 100 (speedup test passed).",
                        sentMillis / 1000.0, accepted, refused.size(), done.size(), lost, errors, wrong,
                        done.size() / Math.max(minutes, 1e-9), minutes * 60, primesRight, primes.size()));
        if (!refused.isEmpty()) {
            line("");
            line("Refusals: " + String.join("; ", refused.stream().distinct().limit(5).toList()));
        }
        latency("race-counter during the burst (includes queueing)", race);
        phases("race-counter during the burst", race);
    }

    void pipelines(Stats warm, Stats cold, Stats bare, Stats peer, String dockerVersion, String java) {
        section("The same race-counter grading four ways",
                String.format("Round after round, measured around the grader (Docker %s, %s); the usual pipeline is a "
                                + "fresh container from a full JDK image, javac, then the JUnit console launcher.%n%n"
                                + "| | median | p95 | max |%n| --- | --- | --- | --- |%n"
                                + "| sandbox, container started ahead (as the server grades) | %d ms | %d ms | %d ms |%n"
                                + "| sandbox, container started for the job | %d ms | %d ms | %d ms |%n"
                                + "| bare JVM, no container | %d ms | %d ms | %d ms |%n"
                                + "| the usual pipeline (peer baseline) | %d ms | %d ms | %d ms |%n%n"
                                + "Sandbox over bare JVM: **%.2f** started ahead, %.2f started for the job. "
                                + "**The usual pipeline takes %.2f times as long** as the sandbox grading as the server does.",
                        dockerVersion, java, warm.p50(), warm.p95(), warm.max(), cold.p50(), cold.p95(), cold.max(),
                        bare.p50(), bare.p95(), bare.max(), peer.p50(), peer.p95(), peer.max(),
                        ratio(warm, bare), ratio(cold, bare), ratio(peer, warm)));
    }

    private static double ratio(Stats a, Stats b) {
        return a.p50() / (double) Math.max(1, b.p50());
    }

    void write() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
        System.out.println("bench: figures written to " + file);
    }

    private void row(String phase, List<JsonNode> views, ToLongFunction<JsonNode> millis) {
        List<Long> values = views.stream().filter(v -> v.path("status").asText().equals("DONE"))
                .map(millis::applyAsLong).toList();
        line("| " + phase + " | " + Stats.of(values).p50() + " |");
    }

    private static long timing(JsonNode view, String key) {
        return view.path("timings").path(key).asLong();
    }

    private void line(String s) {
        text.append(s).append('\n');
        System.out.println(s);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB")
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            return process.waitFor() == 0 ? out : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
