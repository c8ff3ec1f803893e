package threadmark.sandbox;

import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import threadmark.format.ExerciseFolder;
import threadmark.grading.ExercisePipeline;
import threadmark.grading.GradeReport;
import threadmark.grading.Grader;
import threadmark.grading.GradingInput;
import threadmark.grading.SandboxFixture;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A container started ahead (at the lowest CPU weight) after the job before, serves the next job of its shape at the
 * normal weight: the job skips container start and JVM boot, gets its own cores, and the container is
 * removed after that one job.
 */
@Tag("sandbox")
class WarmStartTest {

    private static final ExerciseFolder PROBE = SandboxFixture.exercise(SandboxFixture.FIXTURES.resolve("probe"));

    @Test
    void theNextJobRunsInAContainerStartedAheadPinnedToItsOwnCores() throws Exception {
        Set<String> ahead;
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores to move a container between");
        // Off by default: this sandbox alone turns it on, and no other test of this JVM inherits the setting.
        System.setProperty("threadmark.sandbox.warm-start", "true");
        Sandbox warmed;
        try {
            warmed = new Sandbox(StandaloneSandboxConfig.load(), HarnessBundle.fromClasspath());
        } finally {
            System.clearProperty("threadmark.sandbox.warm-start");
        }
        try (Sandbox sandbox = warmed) {
            Grader grader = new Grader(sandbox);
            ExercisePipeline.Compiled compiled = new ExercisePipeline(sandbox).compile(PROBE);
            Map<String, String> cores = SandboxFixture.javaFiles(SandboxFixture.FIXTURES.resolve("cores-probe"));

            Set<String> before = new HashSet<>(warmContainers(sandbox));
            GradeReport first = grader.grade(new GradingInput("warm-1", PROBE.definition(), compiled.testClasses(), cores), "0");
            assertThat(first.timings()).containsEntry("warmContainer", 0L);
            assertThat(output(first)).contains("cores 0").contains("processors 1");
            ahead = awaitNewWarm(sandbox, before);
            assertThat(ahead).as("started for the next job").hasSize(1);
            assertThat(cpuShares(sandbox, ahead)).as("a waiting container boots on the CPU others leave idle")
                    .containsOnly(SandboxRunner.WAITING_CPU_SHARES);

            // Started pinned to core 0 where the first job ran; this job was given core 1.
            GradeReport second = grader.grade(new GradingInput("warm-2", PROBE.definition(), compiled.testClasses(), cores), "1");
            assertThat(second.timings()).containsEntry("warmContainer", 1L).containsEntry("containerCreateMillis", 0L);
            assertThat(second.score()).isEqualTo(first.score()).isEqualTo(100.0);
            assertThat(output(second)).contains("cores 1").contains("processors 1");
            assertThat(output(second)).as("its job runs at the normal CPU weight")
                    .containsAnyOf("cpu cpu.shares " + SandboxRunner.NORMAL_CPU_SHARES, "cpu cpu.weight 39");
            assertThat(warmContainers(sandbox)).as("the container that served the second job is gone")
                    .doesNotContainAnyElementsOf(ahead);
            before.addAll(ahead);
            ahead = awaitNewWarm(sandbox, before);
            assertThat(ahead).as("started for the job after").hasSize(1);
        }
        try (Sandbox probe = new Sandbox(StandaloneSandboxConfig.load(), HarnessBundle.fromClasspath())) {
            assertThat(warmContainers(probe)).as("containers left once the sandbox closed").doesNotContainAnyElementsOf(ahead);
        }
    }

    private static Set<Integer> cpuShares(Sandbox sandbox, Set<String> ids) {
        return ids.stream().map(id -> sandbox.docker().inspectContainerCmd(id).exec().getHostConfig().getCpuShares())
                .collect(Collectors.toSet());
    }

    private static String output(GradeReport report) {
        return report.tests().stream().map(GradeReport.TestVerdict::output).reduce("", String::concat) + report.output();
    }

    /** The containers started ahead since {@code before}, once there is one (they start in the background). */
    private static Set<String> awaitNewWarm(Sandbox sandbox, Set<String> before) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<String> fresh;
        do {
            Thread.sleep(50);
            fresh = new HashSet<>(warmContainers(sandbox));
            fresh.removeAll(before);
        } while (fresh.isEmpty() && System.nanoTime() < deadline);
        return fresh;
    }

    /** Containers of this process started ahead of a job, by id. */
    private static Set<String> warmContainers(Sandbox sandbox) {
        return sandbox.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(SandboxRunner.LABEL + ".run", "warm",
                        SandboxRunner.LABEL + ".owner", sandbox.runner().owner()))
                .exec().stream().map(Container::getId).collect(Collectors.toSet());
    }
}
