package threadmark.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The bookkeeping of containers started ahead of their job, with a stand-in for Docker. */
class WarmContainersTest {

    private static final WarmContainers.Shape RACE = new WarmContainers.Shape("image", List.of("harness"), 512, 2, true);
    private static final WarmContainers.Shape PRIMES = new WarmContainers.Shape("image", List.of("harness", "-jit"),
            512, 2, true);

    private final AtomicInteger made = new AtomicInteger();
    private final List<String> removed = new CopyOnWriteArrayList<>();
    private final List<StartedContainer> started = new CopyOnWriteArrayList<>();

    private StartedContainer container(WarmContainers.Shape shape, String cpuset) {
        StartedContainer container = new StartedContainer("c" + made.incrementAndGet(), shape, cpuset,
                new OutputCollector(1024), new JobStdin(), 10, 90, System.nanoTime());
        started.add(container);
        return container;
    }

    private WarmContainers warm(Duration idle) {
        return new WarmContainers(this::container, removed::add, idle);
    }

    @Test
    void aPreparedContainerServesOneJobOfItsShapeOnly() {
        WarmContainers warm = warm(Duration.ofMinutes(10));
        assertThat(warm.take(RACE)).as("nothing prepared yet").isNull();

        warm.prepare(RACE, "0,1");
        assertThat(warm.take(PRIMES)).as("another shape").isNull();
        StartedContainer taken = warm.take(RACE);
        assertThat(taken).isNotNull();
        assertThat(taken.cpuset()).isEqualTo("0,1");
        assertThat(warm.take(RACE)).as("a container serves one job").isNull();

        warm.prepare(RACE, "0,1");
        warm.prepare(RACE, "0,1");
        assertThat(warm.take(RACE)).isNotNull();
        assertThat(warm.take(RACE)).as("one waits per shape, however often it is asked").isNull();
        assertThat(made.get()).isEqualTo(2);
    }

    @Test
    void aContainerThatEndedWhileItWaitedIsRemovedAndNotHandedOut() throws Exception {
        WarmContainers warm = warm(Duration.ofMinutes(10));
        warm.prepare(RACE, null);
        StartedContainer first = awaitStarted(warm);
        first.output().onComplete(); // its JVM exited before any job came
        assertThat(warm.take(RACE)).isNull();
        assertThat(removed).containsExactly(first.id());
    }

    @Test
    void oneThatWaitedPastTheIdleLimitIsRemoved() throws Exception {
        WarmContainers warm = warm(Duration.ZERO);
        warm.prepare(RACE, null);
        awaitStarted(warm);
        Thread.sleep(5);
        assertThat(warm.take(RACE)).isNull();
        assertThat(removed).hasSize(1);
    }

    @Test
    void noContainerStartsWhileAQuietRunMeasures() throws Exception {
        WarmContainers warm = warm(Duration.ofMinutes(10));
        warm.beginQuiet();
        warm.prepare(RACE, "0,1");
        Thread.sleep(200);
        assertThat(made.get()).as("containers started during a speedup measurement").isZero();
        warm.endQuiet();
        assertThat(warm.take(RACE)).as("started once the measurement ended").isNotNull();
    }

    @Test
    void aQuietRunWaitsUntilContainersAlreadyStartingHaveBooted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WarmContainers warm = new WarmContainers((shape, cpuset) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return container(shape, cpuset);
        }, removed::add, Duration.ofMinutes(10));
        warm.prepare(PRIMES, "0,1");
        Thread.ofPlatform().start(() -> {
            sleep(100);
            release.countDown();
        });
        long begun = System.nanoTime();
        warm.beginQuiet();
        long waited = System.nanoTime() - begun;
        // 100 ms until it started, then its boot.
        assertThat(TimeUnit.NANOSECONDS.toMillis(waited)).isGreaterThanOrEqualTo(100 + WarmContainers.BOOT.toMillis() - 20);
        warm.endQuiet();
    }

    @Test
    void closingRemovesEveryWaitingContainerAndStartsNoMore() throws Exception {
        WarmContainers warm = warm(Duration.ofMinutes(10));
        warm.prepare(RACE, null);
        warm.prepare(PRIMES, null);
        warm.close();
        assertThat(removed).containsExactlyInAnyOrderElementsOf(started.stream().map(StartedContainer::id).toList())
                .hasSize(2);
        warm.prepare(RACE, null);
        Thread.sleep(100);
        assertThat(made.get()).isEqualTo(2);
    }

    private StartedContainer awaitStarted(WarmContainers warm) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (started.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(started).isNotEmpty();
        return started.getFirst();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
