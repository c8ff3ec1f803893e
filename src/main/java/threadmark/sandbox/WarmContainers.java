package threadmark.sandbox;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Containers started ahead of their job: after a run ends, the next container of the same shape (image, command,
 * memory, CPUs) is created and started and its JVM boots from the AOT cache, then waits on stdin, so the next job of
 * that shape skips container start and JVM boot. Each is still a fresh container for one submission, never reused.
 * <p>
 * At most one waits per shape, for a few shapes, and one that waits longer than the idle limit is removed. A run that
 * needs its cores to itself (a speedup measurement) is "quiet": no container starts while it runs, and it begins only
 * once the containers already starting have booted.
 */
final class WarmContainers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WarmContainers.class);
    /** How long a JVM needs to boot from the AOT cache on a busy 2-core host, with room to spare. */
    static final Duration BOOT = Duration.ofSeconds(1);
    private static final int MAX_SHAPES = 3;

    /**
     * What a container is made with: two jobs of one shape can use each other's container. A pinned one may move to
     * other cores of the same number (the JVM sized itself by their number), but an unpinned one stays unpinned.
     */
    record Shape(String image, List<String> command, int memoryMb, double cpus, boolean pinned) {
        Shape {
            command = List.copyOf(command);
        }

        static Shape of(SandboxRequest request) {
            return new Shape(request.image(), request.command(), request.limits().memoryMb(), request.limits().cpus(),
                    request.limits().cpuset() != null);
        }
    }

    /** Creates and starts a container of a shape, pinned to a cpuset (or not), with a stdin that waits for its job. */
    interface Starter {
        StartedContainer start(Shape shape, String cpuset);
    }

    private final Starter starter;
    private final java.util.function.Consumer<String> remover;
    private final Duration idleLimit;
    private final ExecutorService starting = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("threadmark-warm-container").daemon().factory());
    /** Per shape, the container waiting for it (or still starting); insertion order says which shape is oldest. */
    private final Map<Shape, Waiting> waiting = new LinkedHashMap<>();
    private final Set<CompletableFuture<StartedContainer>> inFlight = new HashSet<>();
    private final List<Runnable> afterQuiet = new ArrayList<>();
    private int quietRuns;
    private boolean closed;

    private record Waiting(CompletableFuture<StartedContainer> container, long sinceNanos) {
    }

    WarmContainers(Starter starter, java.util.function.Consumer<String> remover, Duration idleLimit) {
        this.starter = starter;
        this.remover = remover;
        this.idleLimit = idleLimit;
    }

    /**
     * The container waiting for this shape (it may still be booting), or null. One that ended while it waited is
     * removed, and null returned: the caller starts a container of its own, as without a warm one.
     */
    StartedContainer take(Shape shape) {
        Waiting taken;
        synchronized (this) {
            removeIdle();
            taken = waiting.remove(shape);
        }
        if (taken == null) {
            return null;
        }
        StartedContainer container;
        try {
            container = taken.container().join();
        } catch (RuntimeException e) {
            LOG.debugf("a warm container could not start: %s", e.getMessage());
            return null;
        }
        if (container.ended()) {
            remover.accept(container.id());
            return null;
        }
        return container;
    }

    /** Starts a container of this shape for the next job, unless one waits already (or a quiet run is on). */
    void prepare(Shape shape, String cpuset) {
        Runnable start = () -> startWaiting(shape, cpuset);
        synchronized (this) {
            if (closed) {
                return;
            }
            if (quietRuns > 0) {
                afterQuiet.add(start);
                return;
            }
        }
        start.run();
    }

    private synchronized void startWaiting(Shape shape, String cpuset) {
        removeIdle();
        if (closed || waiting.containsKey(shape)) {
            return;
        }
        if (waiting.size() >= MAX_SHAPES) {
            Shape oldest = waiting.keySet().iterator().next();
            discard(waiting.remove(oldest));
        }
        CompletableFuture<StartedContainer> container = CompletableFuture.supplyAsync(
                () -> starter.start(shape, cpuset), starting);
        inFlight.add(container);
        container.whenComplete((c, e) -> {
            synchronized (this) {
                inFlight.remove(container);
            }
        });
        waiting.put(shape, new Waiting(container, System.nanoTime()));
    }

    /**
     * Begins a run that needs its cores to itself: no container starts until {@link #endQuiet}, and this waits until
     * the ones already starting have had the time to boot.
     */
    void beginQuiet() {
        List<CompletableFuture<StartedContainer>> starting;
        synchronized (this) {
            quietRuns++;
            starting = List.copyOf(inFlight);
        }
        for (CompletableFuture<StartedContainer> container : starting) {
            try {
                StartedContainer started = container.get(BOOT.toMillis() * 5, TimeUnit.MILLISECONDS);
                long booting = BOOT.toNanos() - (System.nanoTime() - started.startedAtNanos());
                if (booting > 0) {
                    TimeUnit.NANOSECONDS.sleep(booting);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // it did not start: it takes no CPU either
            }
        }
    }

    void endQuiet() {
        List<Runnable> deferred;
        synchronized (this) {
            quietRuns--;
            if (quietRuns > 0) {
                return;
            }
            deferred = List.copyOf(afterQuiet);
            afterQuiet.clear();
        }
        deferred.forEach(Runnable::run);
    }

    private void removeIdle() {
        long now = System.nanoTime();
        waiting.values().removeIf(w -> {
            boolean idle = now - w.sinceNanos() > idleLimit.toNanos();
            if (idle) {
                discard(w);
            }
            return idle;
        });
    }

    private void discard(Waiting w) {
        w.container().thenAccept(c -> {
            c.stdin().abandon();
            remover.accept(c.id());
        });
    }

    /** Removes every waiting container: a stopping server leaves none behind. */
    @Override
    public void close() {
        List<Waiting> left;
        synchronized (this) {
            closed = true;
            left = List.copyOf(waiting.values());
            waiting.clear();
            afterQuiet.clear();
        }
        for (Waiting w : left) {
            try {
                StartedContainer c = w.container().get(10, TimeUnit.SECONDS);
                c.stdin().abandon();
                remover.accept(c.id());
            } catch (Exception e) {
                LOG.debugf("a warm container to remove did not start: %s", e.getMessage());
            }
        }
        starting.shutdown();
    }
}
