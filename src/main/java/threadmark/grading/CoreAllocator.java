package threadmark.grading;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hands out CPU cores to gradings. A job that measures speedup gets its cores to itself: no other grading runs on
 * them while it does, whatever is queued. Other jobs share cores densely, up to {@code jobsPerCore} on each (their
 * checks judge what threads do, not how much CPU they get). Every container is pinned to the cores it was given (a
 * cpuset), so the JVM inside sees exactly those CPUs. Waiters are served first come, first served, so a wide or
 * exclusive job is not overtaken forever by narrow ones; a waiting job holds no core.
 */
public final class CoreAllocator {

    /** The cores a job holds, and whether it holds them alone. */
    public record Reservation(List<Integer> cores, boolean exclusive) {
    }

    private final List<Integer> all;
    private final int jobsPerCore;
    private final Map<Integer, Integer> load = new TreeMap<>();
    private final Set<Integer> exclusive = new TreeSet<>();
    private final ArrayDeque<Object> waiters = new ArrayDeque<>();

    CoreAllocator(List<Integer> cores) {
        this(cores, 1);
    }

    public CoreAllocator(List<Integer> cores, int jobsPerCore) {
        if (cores.isEmpty()) {
            throw new IllegalArgumentException("no CPU cores to grade on");
        }
        if (jobsPerCore < 1) {
            throw new IllegalArgumentException("jobs per core must be at least 1");
        }
        this.all = List.copyOf(cores);
        this.jobsPerCore = jobsPerCore;
        cores.forEach(core -> load.put(core, 0));
    }

    /** Whole cores for a job asking for {@code cpus} (fractions round up), at least 1, at most all. */
    public int coresFor(double cpus) {
        return Math.clamp((long) Math.ceil(cpus), 1, all.size());
    }

    /** Blocks until {@code count} cores are free enough and it is this caller's turn. */
    public synchronized Reservation acquire(int count, boolean alone) throws InterruptedException {
        Object turn = new Object();
        waiters.addLast(turn);
        try {
            List<Integer> picked;
            while (waiters.peekFirst() != turn || (picked = pick(count, alone)) == null) {
                wait();
            }
            picked.forEach(core -> load.merge(core, 1, Integer::sum));
            if (alone) {
                exclusive.addAll(picked);
            }
            return new Reservation(picked, alone);
        } finally {
            waiters.remove(turn);
            notifyAll();
        }
    }

    /** A shared reservation of {@code count} cores. */
    List<Integer> acquire(int count) throws InterruptedException {
        return acquire(count, false).cores();
    }

    /** The least loaded usable cores, lowest first; null when there are not enough. */
    private List<Integer> pick(int count, boolean alone) {
        List<Integer> usable = all.stream()
                .filter(core -> !exclusive.contains(core) && (alone ? load.get(core) == 0 : load.get(core) < jobsPerCore))
                .sorted(Comparator.comparing((Integer core) -> load.get(core))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        return usable.size() < count ? null : usable.subList(0, count).stream().sorted().toList();
    }

    public synchronized void release(Reservation reservation) {
        reservation.cores().forEach(core -> load.merge(core, -1, Integer::sum));
        if (reservation.exclusive()) {
            exclusive.removeAll(reservation.cores());
        }
        notifyAll();
    }

    void release(List<Integer> cores) {
        release(new Reservation(cores, false));
    }

    /** How many jobs could run at once at most: every core full of shared jobs. */
    public int capacity() {
        return all.size() * jobsPerCore;
    }

    /** Jobs waiting for cores. */
    public synchronized int waiting() {
        return waiters.size();
    }

    /** Cores running at least one grading now. */
    public synchronized int reserved() {
        return (int) load.values().stream().filter(jobs -> jobs > 0).count();
    }

    /** Cores held by a grading that runs on them alone (a speedup measurement). */
    public synchronized int reservedAlone() {
        return exclusive.size();
    }

    int total() {
        return all.size();
    }

    public List<Integer> cores() {
        return all;
    }

    /** Docker's cpuset syntax: "0,1". */
    public static String cpuset(List<Integer> cores) {
        return String.join(",", cores.stream().map(String::valueOf).toList());
    }

    /**
     * Parses a Linux CPU list ("0-3,6"), as in /proc/self/status (Cpus_allowed_list) or a cgroup's cpuset.
     */
    public static List<Integer> parseCpuList(String list) {
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
