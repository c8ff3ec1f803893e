package threadmark.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database host goes away for a while: requests fail with a clear 503 and store nothing, the server stays up,
 * and the queue resumes by itself when the database is back, losing no accepted submission.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void requestsFailClearlyDuringAnOutageAndTheQueueResumesAfterIt() throws Exception {
        ItDatabase.reset();
        try (PgProxy database = new PgProxy(ItDatabase.pgPort())) {
            Map<String, String> properties = ItDatabase.serverProperties(database.port());
            properties.put("threadmark.grading.lease", "6s");
            // Fail a request after 3 s without a connection instead of the pool's default 5 s.
            properties.put("quarkus.datasource.jdbc.acquisition-timeout", "3s");
            try (ServerProcess server = ServerProcess.start("outage", properties)) {
                Workload work = new Workload();
                work.send(server, 10);
                database.cut();
                long cutAt = System.currentTimeMillis();

                var submit = server.postJson("/api/exercises/race-counter/submissions", Workload.USER,
                        "{\"files\":{\"Counter.java\":\"class Counter {}\"}}");
                assertThat(submit.statusCode()).as(submit.body()).isEqualTo(503);
                assertThat(submit.body()).contains("database is unreachable").contains("nothing was stored");
                assertThat(submit.headers().firstValue("Retry-After")).isPresent();
                var read = server.get("/api/exercises/race-counter/submissions", Workload.USER);
                assertThat(read.statusCode()).as(read.body()).isEqualTo(503);

                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.currentTimeMillis() - cutAt)));
                assertThat(server.isAlive()).isTrue();
                database.restore();
                long restoredAt = System.currentTimeMillis();

                work.awaitGraded(180_000);
                Workload.Figures figures = work.check();
                assertThat(ItDatabase.count("select count(*) from submission")).as("the refused submission was not stored")
                        .isEqualTo(work.sent.size());
                System.out.printf("database outage of %d s: %s; all graded %.1f s after the database came back%n",
                        OUTAGE.toSeconds(), figures, (System.currentTimeMillis() - restoredAt) / 1000.0);
            }
        }
    }
}
