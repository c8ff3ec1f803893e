package threadmark.grading;

import threadmark.format.ExerciseDefinition;
import threadmark.sandbox.SandboxImage;

import java.util.ArrayList;
import java.util.List;

/** The JVM command line that starts the harness inside the sandbox image. */
public final class HarnessCommand {

    private HarnessCommand() {
    }

    /** The options an exercise's tests run with, wherever they run: its JIT mode, heap share and pool size. */
    public static List<String> exerciseOptions(ExerciseDefinition exercise) {
        List<String> options = new ArrayList<>();
        if (exercise.jit() == ExerciseDefinition.Jit.QUICK) {
            options.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        }
        int cpus = Math.max(1, (int) Math.ceil(exercise.limits().cpus()));
        options.add("-XX:MaxRAMPercentage=60");
        // The common pool's size otherwise differs between JDKs on small machines.
        options.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + cpus);
        return options;
    }

    static List<String> of(SandboxImage image, ExerciseDefinition exercise) {
        List<String> command = new ArrayList<>(exerciseOptions(exercise));
        command.addAll(List.of(
                "-XX:-UsePerfData",
                // Student code could otherwise start a child JVM that attaches an agent to this one.
                "-XX:+DisableAttachMechanism",
                "-Djava.io.tmpdir=/tmp",
                "-Duser.home=/tmp"));
        if (image.aotCache() != null) {
            // Classes of javac, JUnit and the harness come loaded and linked from the image's cache (JDK 25).
            command.add("-XX:AOTCache=" + image.aotCache());
        } else {
            command.add("-Xshare:auto");
        }
        command.addAll(image.harnessMain());
        return command;
    }
}
