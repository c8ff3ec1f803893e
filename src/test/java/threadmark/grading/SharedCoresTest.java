package threadmark.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SharedCoresTest {

    @Test
    void hyperthreadsOfOneCoreAreFoundInTheKernelsTopology(@TempDir Path root) throws IOException {
        siblings(root, 0, "0,2");
        siblings(root, 1, "1-3");
        siblings(root, 2, "0,2");
        siblings(root, 3, "1-3");
        Files.createDirectories(root.resolve("cpufreq"));
        assertThat(SharedCores.siblingGroups(root)).containsExactly("0,2", "1-3");
    }

    @Test
    void wholeCoresHaveNoSiblings(@TempDir Path root) throws IOException {
        siblings(root, 0, "0");
        siblings(root, 1, "1");
        assertThat(SharedCores.siblingGroups(root)).isEmpty();
        assertThat(SharedCores.siblingGroups(root.resolve("missing"))).isEmpty();
    }

    @Test
    void twoThreadsOfDivisionAreMeasuredAgainstOne() {
        // Whatever this machine is, the figure is a ratio of work done: above 0, at most about 2 on two CPUs.
        assertThat(SharedCores.divisionScaling()).isBetween(0.3, 2.6);
    }

    private static void siblings(Path root, int cpu, String list) throws IOException {
        Path topology = Files.createDirectories(root.resolve("cpu" + cpu).resolve("topology"));
        Files.writeString(topology.resolve("thread_siblings_list"), list + "\n");
    }
}
