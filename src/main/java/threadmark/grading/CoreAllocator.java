package threadmark.grading;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Hands out whole CPU cores to gradings. A job gets as many cores as its exercise asks for, to itself, and its
 * container is pinned to them (a cpuset): a job that measures speedup never shares a core with another grading,
 * whatever else is queued. Waiters are served first come, first served, so a wide job is not overtaken forever by
 * narrow ones; a waiting job holds no core.
 */
final class CoreAllocator {

    private final List<Integer> all;
    private final TreeSet<Integer> free;
    private final ArrayDeque<Object> waiters = new ArrayDeque<>();

    CoreAllocator(List<Integer> cores) {
        if (cores.isEmpty()) {
            throw new IllegalArgumentException("no CPU cores to grade on");
        }
        this.all = List.copyOf(cores);
        this.free = new TreeSet<>(cores);
    }

    /** Whole cores for a job asking for {@code cpus} (fractions round up), at least 1, at most all. */
    int coresFor(double cpus) {
        return Math.clamp((long) Math.ceil(cpus), 1, all.size());
    }

    /** Blocks until {@code count} cores are free and it is this caller's turn; returns the cores, lowest first. */
    synchronized List<Integer> acquire(int count) throws InterruptedException {
        Object turn = new Object();
        waiters.addLast(turn);
        try {
            while (waiters.peekFirst() != turn || free.size() < count) {
                wait();
            }
            List<Integer> taken = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                taken.add(free.pollFirst());
            }
            return taken;
        } finally {
            waiters.remove(turn);
            notifyAll();
        }
    }

    synchronized void release(List<Integer> cores) {
        free.addAll(cores);
        notifyAll();
    }

    /** Jobs waiting for cores. */
    synchronized int waiting() {
        return waiters.size();
    }

    int total() {
        return all.size();
    }

    List<Integer> cores() {
        return all;
    }

    /** Docker's cpuset syntax: "0,1". */
    static String cpuset(List<Integer> cores) {
        return String.join(",", cores.stream().map(String::valueOf).toList());
    }

    /**
     * Parses a Linux CPU list ("0-3,6"), as in /proc/self/status (Cpus_allowed_list) or a cgroup's cpuset.
     */
    static List<Integer> parseCpuList(String list) {
        List<Integer> cores = new ArrayList<>();
        for (String part : list.trim().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0].trim());
            int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
            if (to < from) {
                throw new IllegalArgumentException("bad CPU range " + part);
            }
            for (int core = from; core <= to; core++) {
                cores.add(core);
            }
        }
        return cores;
    }
}
