package threadmark.grading;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Pinning for gradings outside the worker pool (validation, the CLI): a run asking for n CPUs gets this machine's
 * first n cores to itself, as a worker would give it n reserved cores. Validating under the same pinning as
 * production matters: a race or a speedup behaves differently on one pinned core than under a quota spread over two.
 */
public final class LocalCores {

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
}
