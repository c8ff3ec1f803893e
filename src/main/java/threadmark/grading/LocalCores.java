package threadmark.grading;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * This machine's cores: those this process may run on (the workers' default), and the pinning for gradings outside
 * the worker pool (validation, the CLI): a run asking for n CPUs gets this machine's first n cores to itself, as a
 * worker would give it n reserved cores. Validating under the same pinning as production matters: a race or a
 * speedup behaves differently on one pinned core than under a quota spread over two.
 */
public final class LocalCores {

    private static final Logger LOG = Logger.getLogger(LocalCores.class);

    private LocalCores() {
    }

    /** The cpuset for a run asking for {@code cpus}, or null (unpinned) when this machine has fewer cores. */
    public static String cpusetFor(double cpus) {
        int wanted = Math.max(1, (int) Math.ceil(cpus));
        if (wanted > Runtime.getRuntime().availableProcessors()) {
            return null;
        }
        List<Integer> cores = IntStream.range(0, wanted).boxed().toList();
        return CoreAllocator.cpuset(cores);
    }

    /** The cores this process may run on (its affinity, e.g. a container's cpuset), else all it sees. */
    public static List<Integer> allowed() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return CoreAllocator.parseCpuList(line.substring(line.indexOf(':') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("cannot read this process's CPU list: %s", e.getMessage());
        }
        return IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed().toList();
    }
}
