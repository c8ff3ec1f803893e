package threadmark.process;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One web-only server and two worker-only processes on one database, as on several hosts: a worker killed in the
 * middle of a job loses nothing, the other finishes its jobs, and no job is graded twice.
 */
class TwoWorkersIT {

    private static final int SUBMISSIONS = 16;

    @Test
    void workersShareTheQueueAndASurvivorFinishesADeadWorkersJobs() throws Exception {
        ItDatabase.reset();
        Workload work = new Workload();
        try (ServerProcess web = ServerProcess.start("web", role("web"));
             ServerProcess workerA = ServerProcess.start("worker-a", role("worker"));
             ServerProcess workerB = ServerProcess.start("worker-b", role("worker"))) {
            var refused = workerA.get("/api/exercises", Workload.USER);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("only grades");
            assertThat(web.log()).contains("no grading workers in this process").doesNotContain("started 1 grading worker");

            work.send(web, SUBMISSIONS);
            awaitJobOf(workerA);
            workerA.kill9();
            // Only a figure: the survivor may already have put them back by the time this reads.
            long heldByDead = ItDatabase.count("select count(*) from grading where status = 'RUNNING' and lease_owner like '%:"
                    + workerA.pid() + "@%'");

            work.awaitGraded(240_000);
            Workload.Figures figures = work.check();
            Map<String, Long> byWorker = new LinkedHashMap<>();
            for (var row : ItDatabase.query("select graded_by, count(*) as n from grading group by graded_by order by 1")) {
                byWorker.put(String.valueOf(row.get("graded_by")), ((Number) row.get("n")).longValue());
            }
            assertThat(byWorker.keySet()).as("every result stored by one of the two workers")
                    .allMatch(w -> w.contains(":" + workerA.pid() + "@") || w.contains(":" + workerB.pid() + "@"));
            assertThat(byWorker.keySet()).anyMatch(w -> w.contains(":" + workerB.pid() + "@"));
            assertThat(figures.retriedAfterLoss()).as("jobs retaken from the killed worker").isPositive();
            awaitNoContainersOf(workerA.pid());
            System.out.printf("two workers: %s; the killed worker held %d job(s); results stored per worker: %s%n",
                    figures, heldByDead, byWorker);
        }
    }

    /**
     * Each worker has both cores of this machine, as two 2-core hosts would: race-counter needs 2 CPUs, and a
     * worker with one core leaves such jobs to others.
     */
    private static Map<String, String> role(String role) {
        Map<String, String> properties = ItDatabase.serverProperties(ItDatabase.pgPort());
        properties.put("threadmark.process.role", role);
        // Short leases: a killed worker on another host is noticed only when its lease runs out.
        properties.put("threadmark.grading.lease", "6s");
        return properties;
    }

    private static void awaitJobOf(ServerProcess worker) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            // Just started, so it cannot finish before the kill: a grading takes a second at the least.
            if (ItDatabase.count("select count(*) from grading where status = 'RUNNING' and lease_owner like '%:"
                    + worker.pid() + "@%' and started_at > now() - interval '300 milliseconds'") > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(worker + " took no job within 60 s:\n" + worker.tail());
    }

    /** The survivor shares the Docker engine and removes the dead worker's containers on its next sweep. */
    private static void awaitNoContainersOf(long pid) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (Containers.ownedBy(pid) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertThat(Containers.ownedBy(pid)).as("containers of the killed worker").isZero();
    }
}
