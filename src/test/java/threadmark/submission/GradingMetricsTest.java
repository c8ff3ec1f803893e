package threadmark.submission;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.assertj.core.data.Offset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.grading.GradeReport;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator's Prometheus reads from the management port after real activity: submissions through the API fill
 * the queue's gauges, and results stored through the queue count their outcome and the time of every phase.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class GradingMetricsTest {

    private static final String SOURCE = "public class Counter { private long n; public synchronized void increment()"
            + " { n++; } public synchronized long get() { return n; } }";
    /** A run's phases as the grader reports them; short enough that the test's own time leaves a positive rest. */
    private static final Map<String, Long> TIMINGS = Map.of("containerCreateMillis", 2L, "containerStartMillis", 3L,
            "runMillis", 40L, "compileMillis", 25L, "testsMillis", 10L, "containerRemoveMillis", 1L,
            "cpuBeforeJobMillis", 300L, "cpuCompileMillis", 20L, "cpuTestsMillis", 70L);

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Inject
    GradingQueue queue;

    @Inject
    AgroalDataSource pool;

    @Inject
    GradingConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @BeforeEach
    void emptyQueueAndAStudent() throws Exception {
        // The profile is shared and runs no worker: what other tests queued would stay queued, so end it here (from
        // outside the server, as an operator would: no counter of the server's moves).
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("update grading set status = 'ERROR', finished_at = now(), lease_owner = null "
                    + "where status in ('QUEUED', 'RUNNING', 'WAITING')");
        }
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("username", "oona", "password", "oona-password", "role", "STUDENT"))
                .post("/api/users");
    }

    @Test
    void queueLengthAndTheOldestWaitFollowSubmissionsAndClaims() throws Exception {
        Map<String, Double> empty = scrapeUntil(m -> m.get(queued()) == 0 && m.get(running()) == 0);
        assertThat(empty.get(oldest("submission"))).isZero();
        assertThat(empty.get("threadmark_grading_workers")).as("the queue-only profile runs no worker").isZero();
        assertThat(empty.get("threadmark_grading_workers_busy")).isZero();
        assertThat(empty).containsKeys("threadmark_grading_cores", "threadmark_grading_reserved_cores",
                "threadmark_grading_exclusive_cores", "threadmark_grading_jobs_waiting_for_cores");

        submit();
        submit();
        Map<String, Double> two = scrapeUntil(m -> m.get(queued()) == 2);
        assertThat(two.get(oldest("submission"))).as("seconds since the first was queued").isPositive();
        assertThat(two.get(oldest("regrade"))).isZero();

        queue.claim("metrics-test-worker", 2).orElseThrow();
        Map<String, Double> claimed = scrapeUntil(m -> m.get(queued()) == 1);
        assertThat(claimed.get(running())).isEqualTo(1);
    }

    @Test
    void aStoredResultCountsItsOutcomeAndTheTimeOfEveryPhase() throws Exception {
        Map<String, Double> before = scrape();
        submit();
        ClaimedJob job = queue.claim("metrics-test-worker", 2).orElseThrow();
        queue.started(job);
        Thread.sleep(100); // the grading: longer than its phases, so that storing and the rest take a positive time
        assertThat(queue.complete(job, report(GradeReport.Outcome.TESTED, GradeReport.Status.PASSED))).isTrue();
        Map<String, Double> after = scrape();

        assertThat(delta(before, after, finished("tested"))).isEqualTo(1);
        assertThat(delta(before, after, finished("compile_failed"))).isZero();
        assertThat(delta(before, after, finished("error"))).isZero();
        for (String phase : List.of("queue_wait", "container_create", "container_start", "run", "jvm_start", "compile",
                "tests", "container_remove", "store")) {
            assertThat(delta(before, after, phase(phase, "count"))).as(phase).isEqualTo(1);
        }
        assertThat(delta(before, after, phase("compile", "sum"))).isCloseTo(0.025, Offset.offset(1e-9));
        assertThat(delta(before, after, "threadmark_grading_cpu_seconds_sum{part=\"tests\"}")).as("CPU, not a phase")
                .isCloseTo(0.07, Offset.offset(1e-9));
        assertThat(after).doesNotContainKey(phase("cpu_tests", "count"));
        assertThat(delta(before, after, phase("jvm_start", "sum"))).as("run − compile − tests")
                .isCloseTo(0.005, Offset.offset(1e-9));
        assertThat(delta(before, after, "threadmark_grading_turnaround_seconds_count{kind=\"submission\"}")).isEqualTo(1);
        assertThat(delta(before, after, "threadmark_grading_phase_seconds_bucket{phase=\"compile\",le=\"0.025\"}"))
                .as("a histogram, so dashboards can show percentiles across processes").isEqualTo(1);
    }

    @Test
    void platformFaultsRetriesGivingUpAndRemeasuresAreCounted() {
        Map<String, Double> before = scrape();
        submit();
        ClaimedJob first = queue.claim("metrics-test-worker", 2).orElseThrow();
        queue.fail(first, "the Docker engine did not answer");
        ClaimedJob retry = queue.claim("metrics-test-worker", 2).orElseThrow();
        assertThat(retry.attempt()).isEqualTo(2);
        queue.fail(retry, "the Docker engine did not answer");
        Map<String, Double> gaveUp = scrape();
        assertThat(delta(before, gaveUp, "threadmark_grading_platform_faults_total")).isEqualTo(2);
        assertThat(delta(before, gaveUp, "threadmark_grading_retries_total")).isEqualTo(1);
        assertThat(delta(before, gaveUp, finished("error"))).as("the profile allows 2 attempts").isEqualTo(1);

        submit();
        ClaimedJob busy = queue.claim("metrics-test-worker", 2).orElseThrow();
        queue.started(busy);
        assertThat(queue.awaitFairMeasurement(busy, report(GradeReport.Outcome.TESTED, GradeReport.Status.UNMEASURED)))
                .isTrue();
        Map<String, Double> after = scrape();
        assertThat(delta(gaveUp, after, "threadmark_grading_remeasures_total{result=\"scheduled\"}")).isEqualTo(1);
        assertThat(delta(gaveUp, after, finished("tested"))).as("a provisional result is no final verdict").isZero();
        assertThat(delta(gaveUp, after, phase("tests", "count"))).as("but its run's phases count").isEqualTo(1);
    }

    @Test
    void scrapesReadTheDatabaseAtMostOncePerMaximumAge() {
        scrape();
        long acquiredBefore = pool.getMetrics().acquireCount();
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            scrape();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long acquired = pool.getMetrics().acquireCount() - acquiredBefore;
        long allowed = took.toMillis() / config.queueMetricsMaxAge().toMillis() + 1;
        assertThat(acquired).as("40 scrapes in %s ms", took.toMillis()).isLessThanOrEqualTo(allowed).isLessThan(40);
    }

    @Test
    void pageAndApiTimesAreAHistogramAroundTheTarget() {
        submit();
        String text = given().baseUri(metrics.getProtocol() + "://" + metrics.getHost()).port(metrics.getPort())
                .get(metrics.getPath()).then().statusCode(200).extract().asString();
        assertThat(text).as("p95 under 300 ms is the deadline-night target").containsPattern(
                "http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/exercises/\\{slug}/submissions\"[^}]*le=\"0\\.3\"}");
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardNameIsServed() throws Exception {
        Set<String> served = new TreeSet<>();
        for (String series : scrape().keySet()) {
            String name = series.replaceAll("\\{.*", "");
            served.add(name);
            served.add(name.replaceAll("_(bucket|count|sum|max)$", ""));
        }
        Set<String> named = new TreeSet<>();
        for (String doc : List.of("docs/operations.md", "docs/grafana-dashboard.json", "README.md")) {
            Matcher m = Pattern.compile("threadmark_[a-z_]+").matcher(Files.readString(Path.of(doc)));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).hasSizeGreaterThan(10);
        assertThat(served).as("series the docs name").containsAll(named);
    }

    @Test
    void metricsAreNotServedOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
        assertThat(metrics.getHost()).isIn("localhost", "127.0.0.1");
        assertThat(metrics.getPort()).isNotEqualTo(io.restassured.RestAssured.port);
    }

    private static GradeReport report(GradeReport.Outcome outcome, GradeReport.Status status) {
        return new GradeReport(outcome, "test", status == GradeReport.Status.PASSED ? 100 : 0, 100, List.of(),
                List.of(new GradeReport.TestVerdict("CounterRaceTest#noLostUpdatesUnderContention",
                        "noLostUpdatesUnderContention()", status, status == GradeReport.Status.PASSED ? 100 : 0, 100,
                        false, null, null, 5)), "", TIMINGS);
    }

    private static void submit() {
        given().auth().preemptive().basic("oona", "oona-password").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("Counter.java", SOURCE))).post("/api/exercises/race-counter/submissions")
                .then().statusCode(202);
    }

    private static String queued() {
        return "threadmark_grading_queue_jobs{state=\"queued\"}";
    }

    private static String running() {
        return "threadmark_grading_queue_jobs{state=\"running\"}";
    }

    private static String oldest(String kind) {
        return "threadmark_grading_queue_oldest_age_seconds{kind=\"" + kind + "\"}";
    }

    private static String finished(String outcome) {
        return "threadmark_gradings_finished_total{outcome=\"" + outcome + "\"}";
    }

    private static String phase(String phase, String part) {
        return "threadmark_grading_phase_seconds_" + part + "{phase=\"" + phase + "\"}";
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("scraped series").containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    /** The queue's gauges are read at most once per maximum age: scrape until they show what the test waits for. */
    private Map<String, Double> scrapeUntil(Predicate<Map<String, Double>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + config.queueMetricsMaxAge().multipliedBy(10).toNanos();
        Map<String, Double> scraped = scrape();
        while (!condition.test(scraped) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            scraped = scrape();
        }
        assertThat(condition.test(scraped)).as("metrics reached the expected state: %s", scraped).isTrue();
        return scraped;
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");

    /** Every sample of the Prometheus text format, by name and labels in the order the registry writes them. */
    private Map<String, Double> scrape() {
        String text = given().baseUri(metrics.getProtocol() + "://" + metrics.getHost()).port(metrics.getPort())
                .get(metrics.getPath()).then().statusCode(200).extract().asString();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.find() && m.group(1).startsWith("threadmark_")) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }
}
