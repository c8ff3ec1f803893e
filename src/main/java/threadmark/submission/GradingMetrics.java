package threadmark.submission;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import threadmark.grading.GradeReport;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * What an operator watches on a deadline night (docs/operations.md), counted where the queue stores it: the queue's
 * length and age, gradings finished by outcome, platform faults and retries, runs measured again, and the time of
 * each phase. Counts are taken once the transaction that stored them committed, so a rolled-back store counts nothing.
 */
@Startup
@ApplicationScoped
public class GradingMetrics {

    /** Phases every stored run reports (the grader's timings) or the queue derives; more appear as the grader adds some. */
    static final List<String> PHASES = List.of("queue_wait", "container_create", "container_start", "run", "jvm_start",
            "compile", "tests", "container_remove", "store");
    /** Histogram buckets from a container's create (tens of ms) to a deadline queue's wait (tens of minutes). */
    private static final Duration[] BUCKETS = Stream.of(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000,
            60_000, 120_000, 300_000, 600_000, 1_800_000).map(Duration::ofMillis).toArray(Duration[]::new);
    static final String ERROR = "error";

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    GradingConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private QueueReading queue;
    private volatile boolean queueUnreadable;

    @PostConstruct
    void register() {
        queue = new QueueReading(this::readQueue, config.queueMetricsMaxAge());
        queueGauge("queued", QueueReading.Figures::queued);
        queueGauge("running", QueueReading.Figures::running);
        queueGauge("waiting", QueueReading.Figures::waiting);
        ageGauge("submission", QueueReading.Figures::oldestSubmissionSeconds);
        ageGauge("regrade", QueueReading.Figures::oldestRegradeSeconds);
        // Every series exists from the start at 0, so that rate() and increase() see the first event too.
        Arrays.stream(GradeReport.Outcome.values()).forEach(outcome -> finished(label(outcome)));
        finished(ERROR);
        faults();
        retries();
        remeasures("scheduled");
        remeasures("final");
        PHASES.forEach(this::phase);
        turnaround(false);
        turnaround(true);
    }

    /** A worker claimed a job; a job claimed again after a fault or an expired lease (a dead worker) is a retry. */
    void claimed(int attempt) {
        if (attempt > 1) {
            afterCommit(() -> retries().increment());
        }
    }

    /** A job's first run got its cores after waiting this long since it was queued. */
    void started(double waitedSeconds) {
        afterCommit(() -> phase("queue_wait").record(seconds(waitedSeconds)));
    }

    /** A run's results were stored (final or provisional): the time of each phase the grader measured, and the rest. */
    void stored(Map<String, Long> timings, Instant startedAt, Instant storedAt) {
        if (timings == null) {
            return;
        }
        afterCommit(() -> {
            timings.forEach((key, millis) -> {
                if (key.endsWith("Millis") && millis != null && millis >= 0) {
                    String name = snakeCase(key.substring(0, key.length() - "Millis".length()));
                    if (name.startsWith("cpu_")) {
                        cpu(name.substring("cpu_".length())).record(Duration.ofMillis(millis));
                    } else {
                        phase(name).record(Duration.ofMillis(millis));
                    }
                }
            });
            Long run = timings.get("runMillis");
            Long compile = timings.get("compileMillis");
            Long tests = timings.get("testsMillis");
            if (run != null && compile != null && tests != null && run - compile - tests >= 0) {
                phase("jvm_start").record(Duration.ofMillis(run - compile - tests));
            }
            if (startedAt != null) {
                long container = Stream.of("containerCreateMillis", "containerStartMillis", "runMillis",
                        "containerRemoveMillis").map(timings::get).filter(v -> v != null).mapToLong(Long::longValue).sum();
                long rest = Duration.between(startedAt, storedAt).toMillis() - container;
                if (rest >= 0) {
                    phase("store").record(Duration.ofMillis(rest));
                }
            }
        });
    }

    /** A grading got its final verdict: counted by outcome, with the time from queued to stored. */
    void finished(GradeReport.Outcome outcome, Instant queuedAt, Instant finishedAt, boolean regrade) {
        afterCommit(() -> {
            finished(label(outcome)).increment();
            if (queuedAt != null && !finishedAt.isBefore(queuedAt)) {
                turnaround(regrade).record(Duration.between(queuedAt, finishedAt));
            }
        });
    }

    /** The grader failed on the server side (Docker, the harness); {@code gaveUp}: it was the last attempt. */
    void faulted(boolean gaveUp) {
        afterCommit(() -> {
            faults().increment();
            if (gaveUp) {
                finished(ERROR).increment();
            }
        });
    }

    /** Jobs whose lease ran out on their last attempt were marked ERROR. */
    void exhausted(int count) {
        if (count > 0) {
            afterCommit(() -> finished(ERROR).increment(count));
        }
    }

    /** A run could not measure some test fairly: measured again later ({@code last} false), or that was the last try. */
    void remeasured(boolean last) {
        afterCommit(() -> remeasures(last ? "final" : "scheduled").increment());
    }

    private void queueGauge(String state, ToDoubleFunction<QueueReading.Figures> value) {
        Gauge.builder("threadmark.grading.queue.jobs", queue, q -> value.applyAsDouble(q.figures()))
                .description("Gradings in the queue by state: queued (waiting for a worker), running, waiting (to be "
                        + "measured again on a quieter host); the same for every process, read from the database")
                .tag("state", state).strongReference(true).register(registry);
    }

    private void ageGauge(String kind, ToDoubleFunction<QueueReading.Figures> value) {
        Gauge.builder("threadmark.grading.queue.oldest.age", queue, q -> value.applyAsDouble(q.figures()))
                .description("How long the oldest queued grading has waited (0 when none is queued): students' own "
                        + "submissions, and staff regrades, which wait behind them")
                .baseUnit("seconds").tag("kind", kind).strongReference(true).register(registry);
    }

    private Counter finished(String outcome) {
        return Counter.builder("threadmark.gradings.finished")
                .description("Gradings that got their final verdict, by outcome; error: given up after platform faults")
                .tag("outcome", outcome).register(registry);
    }

    private Counter faults() {
        return Counter.builder("threadmark.grading.platform.faults")
                .description("Runs that failed on the server side (Docker, the sandbox, the harness), not the student's")
                .register(registry);
    }

    private Counter retries() {
        return Counter.builder("threadmark.grading.retries")
                .description("Jobs claimed again after a platform fault or after their worker's lease ran out")
                .register(registry);
    }

    private Counter remeasures(String result) {
        return Counter.builder("threadmark.grading.remeasures")
                .description("Runs a busy host could not measure fairly (inconclusive): scheduled to be measured "
                        + "again, or final (the wait was over, the unmeasured tests earn nothing)")
                .tag("result", result).register(registry);
    }

    private Timer phase(String phase) {
        return Timer.builder("threadmark.grading.phase")
                .description("Time of each phase of a grading run: queue wait, the container's life, the harness "
                        + "run (JVM start, compile, tests) and the rest (reading the job, storing the result)")
                .tag("phase", phase).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private Timer cpu(String part) {
        return Timer.builder("threadmark.grading.cpu")
                .description("CPU time the grading JVM used, by part: before_job (JVM start, and the warm-up of a "
                        + "container started ahead), compile, tests: what bounds gradings per minute")
                .tag("part", part).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private Timer turnaround(boolean regrade) {
        return Timer.builder("threadmark.grading.turnaround")
                .description("Queued to final verdict stored: what a student waits for, remeasures included")
                .tag("kind", regrade ? "regrade" : "submission").serviceLevelObjectives(BUCKETS).register(registry);
    }

    private QueueReading.Figures readQueue() {
        try (Connection connection = dataSource.getConnection()) {
            QueueReading.Figures figures = QueueReading.read(connection, 2);
            queueUnreadable = false;
            return figures;
        } catch (SQLException e) {
            if (!queueUnreadable) {
                Log.warnf("metrics: cannot read the queue (%s); its gauges are NaN until the database answers",
                        e.getMessage());
            }
            queueUnreadable = true;
            throw new IllegalStateException(e);
        }
    }

    private void afterCommit(Runnable record) {
        if (transactions.getTransactionKey() == null) {
            record.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    record.run();
                }
            }
        });
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (Math.max(seconds, 0) * 1e9));
    }

    static String label(GradeReport.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** {@code containerCreate} → {@code container_create}. */
    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
