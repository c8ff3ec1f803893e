package threadmark.process;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the real server while jobs are queued and running: after a restart every accepted
 * submission is graded exactly once, none is lost, and the dead server's containers are removed. SIGTERM: the
 * stopping server puts its jobs back and leaves no container behind.
 */
class CrashRecoveryIT {

    private static final int SUBMISSIONS = 12;

    /**
     * A fresh database and a long lease: recovery must come from the restarted server recognising its dead or
     * stopped predecessor, not from the lease running out.
     */
    private static Map<String, String> freshServer() throws java.sql.SQLException {
        ItDatabase.reset();
        Map<String, String> properties = ItDatabase.serverProperties(ItDatabase.pgPort());
        properties.put("threadmark.grading.lease", "10m");
        return properties;
    }

    @Test
    void killedServerLosesNothingAndGradesEverythingOnceAfterARestart() throws Exception {
        Map<String, String> properties = freshServer();
        Workload work = new Workload();
        long deadPid;
        long runningAtKill;
        long doneAtKill;
        long leftBehind;
        try (ServerProcess first = ServerProcess.start("crash-first", properties)) {
            work.send(first, SUBMISSIONS);
            awaitContainerOf(first);
            first.kill9();
            deadPid = first.pid();
            // Read after the kill: nothing changes them any more.
            runningAtKill = ItDatabase.count("select count(*) from grading where status = 'RUNNING'");
            doneAtKill = ItDatabase.count("select count(*) from grading where status = 'DONE'");
            leftBehind = Containers.ownedBy(deadPid);
        }
        assertThat(runningAtKill).as("jobs running when the server died").isPositive();
        assertThat(doneAtKill).as("jobs done before the kill").isLessThan(SUBMISSIONS);
        assertThat(leftBehind).as("containers the dead server left").isPositive();

        long restartedAt = System.currentTimeMillis();
        try (ServerProcess second = ServerProcess.start("crash-second", properties)) {
            second.awaitLog("cleaned up after a dead server process: removed " + leftBehind
                    + " sandbox container(s), put " + runningAtKill + " grading job(s) back in the queue",
                    java.time.Duration.ofSeconds(30));
            assertThat(Containers.ownedBy(deadPid)).as("dead server's containers after the restart").isZero();
            work.awaitGraded(180_000);
            long recoveryMillis = System.currentTimeMillis() - restartedAt;
            Workload.Figures figures = work.check();
            assertThat(figures.retriedAfterLoss()).isEqualTo(runningAtKill);
            System.out.printf("crash recovery: %s; %d running and %d done at the kill, %d container(s) left behind "
                    + "and removed at start-up, all graded %.1f s after the restart%n",
                    figures, runningAtKill, doneAtKill, leftBehind, recoveryMillis / 1000.0);
        }
    }

    @Test
    void stoppedServerPutsItsRunningJobsBackWithoutCountingTheAttempt() throws Exception {
        Map<String, String> properties = freshServer();
        // With containers started ahead too: the stop finds some booting, some waiting, some running a job.
        properties.put("threadmark.sandbox.warm-start", "true");
        Workload work = new Workload();
        long stoppedPid;
        try (ServerProcess first = ServerProcess.start("sigterm-first", properties)) {
            stoppedPid = first.pid();
            work.send(first, 6);
            awaitContainerOf(first);
            first.close();
            assertThat(first.log()).contains("put back in the queue: this process is stopping")
                    .as("the workers removed their own containers; the sweep at close found none")
                    .doesNotContain("still there when the sandbox closed");
        }
        assertThat(ItDatabase.count("select count(*) from grading where status = 'RUNNING'"))
                .as("jobs still claimed by the stopped server").isZero();
        assertThat(Containers.ownedBy(stoppedPid)).as("containers of the stopped server").isZero();
        try (ServerProcess second = ServerProcess.start("sigterm-second", properties)) {
            work.awaitGraded(120_000);
            Workload.Figures figures = work.check();
            assertThat(figures.retriedAfterLoss()).as("attempts counted for jobs put back on SIGTERM").isZero();
            System.out.printf("SIGTERM: %s%n", figures);
        }
    }

    private static void awaitContainerOf(ServerProcess server) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (ItDatabase.count("select count(*) from grading where status = 'RUNNING' and started_at > now() - interval '500 milliseconds'") > 0
                    && Containers.ownedBy(server.pid()) > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no grading started within 60 s:\n" + server.tail());
    }
}
