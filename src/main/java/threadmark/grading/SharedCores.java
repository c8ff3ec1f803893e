package threadmark.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds CPUs that cannot run two threads of integer work at full speed each: SMT siblings (two hyperthreads of one
 * core, as most cloud VMs give their vCPUs) or a host that is busy. On such a machine a speedup test's reference
 * solution cannot speed up either, so such gradings stay inconclusive; the server and {@code threadmark check} say so.
 */
public final class SharedCores {

    /** Two threads of division must reach this many times the work of one; a whole second core gives ~2. */
    static final double ENOUGH = 1.5;
    private static volatile long sink;

    private SharedCores() {
    }

    /** Why this machine cannot show a speedup on two CPUs, or empty when it can (or has a single CPU). */
    public static Optional<String> problem() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return Optional.empty();
        }
        List<String> siblings = siblingGroups(Path.of("/sys/devices/system/cpu"));
        double scaling = divisionScaling();
        if (siblings.isEmpty() && scaling >= ENOUGH) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder();
        if (!siblings.isEmpty()) {
            why.append("these CPUs are hyperthreads of one physical core (SMT siblings: ")
                    .append(String.join("; ", siblings)).append("). ");
        }
        why.append(String.format("Two threads of integer division did %.2f times the work of one", scaling))
                .append(scaling < ENOUGH ? " (a CPU of its own each would give about 2): the CPUs appear to share "
                        + "one physical core, or the host is busy. " : ". ")
                .append("Speedup exercises (cpus: 2) will stay inconclusive where even their reference solution "
                        + "cannot speed up: give the graders whole cores (disable SMT, or reserve sibling pairs).");
        return Optional.of(why.toString());
    }

    /** The CPUs that share a core with another, e.g. "0,1", read from the kernel's topology files. */
    static List<String> siblingGroups(Path cpuRoot) {
        TreeSet<String> groups = new TreeSet<>();
        try (Stream<Path> cpus = Files.list(cpuRoot)) {
            for (Path cpu : cpus.filter(p -> p.getFileName().toString().matches("cpu\\d+")).toList()) {
                Path list = cpu.resolve("topology/thread_siblings_list");
                if (Files.isReadable(list)) {
                    String siblings = Files.readString(list).trim();
                    if (siblings.contains(",") || siblings.contains("-")) {
                        groups.add(siblings);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return new ArrayList<>(groups);
    }

    /**
     * Work done by two threads dividing at once, over the work of one in the same time: the kind of work (trial
     * division, {@code long %}) that the primes exercise does and that SMT siblings share one divider for. The best of
     * three tries, each ~100 ms, so a burst on the host does not decide it.
     */
    static double divisionScaling() {
        long iterations = 10_000_000;
        divide(iterations);
        double best = 0;
        for (int i = 0; i < 3; i++) {
            long one = time(() -> divide(iterations));
            long two = time(() -> {
                Thread other = Thread.ofPlatform().start(() -> divide(iterations));
                divide(iterations);
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            best = Math.max(best, 2.0 * one / two);
        }
        return best;
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return Math.max(1, System.nanoTime() - start);
    }

    private static void divide(long iterations) {
        long x = 1_000_000_007L;
        long sum = 0;
        for (long d = 3; d < iterations; d++) {
            sum += x % d;
            x += sum & 7;
        }
        sink = sum;
    }
}
