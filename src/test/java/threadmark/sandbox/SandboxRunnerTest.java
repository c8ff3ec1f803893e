package threadmark.sandbox;

import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import threadmark.format.ExerciseFolder;
import threadmark.format.TestBundle;
import threadmark.format.TestCompiler;
import threadmark.grading.HarnessJob;
import threadmark.grading.SandboxFixture;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The container-level limits, below the harness: the backstop when the JVM inside will not stop by itself. */
@Tag("sandbox")
class SandboxRunnerTest {

    private final Sandbox sandbox = SandboxFixture.sandbox();

    @Test
    void containerIsKilledAtTheWallClockLimitAndRemoved() {
        // The harness would give this endless loop an hour; the container limit must end it after 3 s.
        ExerciseFolder probe = SandboxFixture.exercise(SandboxFixture.FIXTURES.resolve("probe"));
        HarnessJob job = new HarnessJob(new byte[32], "wall-clock", 3_600_000, 3_600_000,
                SandboxFixture.javaFiles(SandboxFixture.FIXTURES.resolve("hostile/hang-everything")),
                TestBundle.tests(new TestCompiler(sandbox.bundle()).compile(probe)), probe.definition().testClasses(),
                Map.of());
        String label = "wall-clock-" + System.nanoTime();
        SandboxImage image = sandbox.image();
        SandboxRun run = sandbox.runner().run(new SandboxRequest(image.tag(),
                SandboxImage.harnessMain(21),
                job.encode(), new SandboxLimits(256, 1, Duration.ofSeconds(3)), label));
        assertThat(run.ending()).isEqualTo(SandboxRun.Ending.TIMED_OUT);
        assertThat(run.timings().runMillis()).isBetween(2_900L, 10_000L);
        List<Container> left = sandbox.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(SandboxRunner.LABEL + ".run", label)).exec();
        assertThat(left).isEmpty();
    }

    @Test
    void outputFloodIsCappedWithoutBufferingIt() {
        SandboxImage image = sandbox.image();
        // java -XshowSettings prints a few KB; a 1 KB cap must cut it and say so.
        SandboxConfig small = new SandboxConfigOverride(sandbox.config(), 1024);
        SandboxRun run = new SandboxRunner(sandbox.docker(), small).run(new SandboxRequest(image.tag(),
                List.of("-XshowSettings:all", "-version"), new byte[0],
                new SandboxLimits(256, 1, Duration.ofSeconds(20)), "flood-" + System.nanoTime()));
        assertThat(run.outputTruncated()).isTrue();
        assertThat(run.stdout().length() + run.stderr().length()).isLessThanOrEqualTo(2 * 1024);
    }

    @Test
    void theImagesAotCacheFitsTheGradingCommandLine() {
        SandboxImage image = sandbox.image();
        assertThat(image.aotCache()).as("JDK 25 images are trained at build").isEqualTo(SandboxImage.AOT_CACHE);
        // AOTMode=on refuses to start unless the cache matches this JVM and these module options; the class
        // loading log then says where the harness's classes came from.
        java.util.List<String> command = new java.util.ArrayList<>(List.of("-XX:AOTMode=on",
                "-XX:AOTCache=" + image.aotCache(), "-Xlog:class+load=info:stderr", "-Djava.io.tmpdir=/tmp"));
        command.addAll(image.harnessMain());
        command.add("--train");
        SandboxRun run = sandbox.runner().run(new SandboxRequest(image.tag(), command, new byte[0],
                new SandboxLimits(512, 2, Duration.ofSeconds(60)), "aot-" + System.nanoTime()));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).containsPattern("threadmark\\.harness\\.internal\\.Harness source: (shared objects file|AOT)")
                .containsPattern("com\\.sun\\.tools\\.javac\\.main\\.JavaCompiler source: (shared objects file|AOT)");
    }

    @Test
    void pinnedContainerSeesExactlyItsCores() {
        SandboxImage image = sandbox.image();
        SandboxRun run = sandbox.runner().run(new SandboxRequest(image.tag(),
                List.of("-XshowSettings:system", "-version"), new byte[0],
                new SandboxLimits(256, 2, Duration.ofSeconds(20), "0"), "cpuset-" + System.nanoTime()));
        // NanoCPUs allow 2 CPUs, but the cpuset holds one core: the JVM must size its pools for one.
        assertThat(run.stdout() + run.stderr()).contains("Effective CPU Count: 1");
    }

    @Test
    void theSandboxUserCanWriteToTmpButNotElsewhere() {
        SandboxImage image = sandbox.image();
        SandboxRun tmp = sandbox.runner().run(new SandboxRequest(image.tag(),
                List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+LogVMOutput", "-XX:LogFile=/tmp/vm.log", "-version"),
                new byte[0], new SandboxLimits(256, 1, Duration.ofSeconds(20)), "tmp-" + System.nanoTime()));
        assertThat(tmp.stdout() + tmp.stderr()).contains("version").doesNotContain("Cannot open file");
        SandboxRun root = sandbox.runner().run(new SandboxRequest(image.tag(),
                List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+LogVMOutput", "-XX:LogFile=/vm.log", "-version"),
                new byte[0], new SandboxLimits(256, 1, Duration.ofSeconds(20)), "root-" + System.nanoTime()));
        assertThat(root.stdout() + root.stderr()).contains("Cannot open file /vm.log");
    }

    @Test
    void anInterruptAtAnyMomentLeavesNoContainerBehind() throws Exception {
        // A stopping server interrupts its workers wherever they are, also in the middle of a Docker call; whatever
        // that call had done (created, started) must still be undone. The delays spread the interrupts over
        // creation, attach, start, the run and the removal.
        SandboxImage image = sandbox.image();
        String label = "interrupted-" + System.nanoTime();
        List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 40; i++) {
            Thread run = Thread.ofPlatform().start(() -> {
                try {
                    sandbox.runner().run(new SandboxRequest(image.tag(), List.of("-version"), new byte[0],
                            new SandboxLimits(256, 1, Duration.ofSeconds(20)), label));
                } catch (SandboxException expected) {
                    // interrupted: the run is lost, its container must not be
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            });
            Thread.sleep(i * 17L % 700);
            run.interrupt();
            run.join(60_000);
        }
        assertThat(unexpected).as("only SandboxException may tell of an interrupted run").isEmpty();
        List<Container> left = sandbox.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(SandboxRunner.LABEL + ".run", label)).exec();
        assertThat(left).as("containers left by interrupted runs").isEmpty();
    }

    /** The real configuration with a smaller output cap. */
    private record SandboxConfigOverride(SandboxConfig base, int outputLimit) implements SandboxConfig {
        public java.util.Optional<String> dockerHost() { return base.dockerHost(); }
        public java.util.Optional<String> jdkHome() { return base.jdkHome(); }
        public String imageRepository() { return base.imageRepository(); }
        public java.util.Optional<String> image() { return base.image(); }
        public String user() { return base.user(); }
        public long pidsLimit() { return base.pidsLimit(); }
        public int tmpfsSizeMb() { return base.tmpfsSizeMb(); }
        public int outputLimitBytes() { return outputLimit; }
        public Duration startupGrace() { return base.startupGrace(); }
        public boolean warmStart() { return base.warmStart(); }
        public Duration warmIdle() { return base.warmIdle(); }
    }
}
