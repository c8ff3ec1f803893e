package threadmark.grading;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoreAllocatorTest {

    @Test
    void parsesLinuxCpuLists() {
        assertThat(CoreAllocator.parseCpuList("0-3,6\n")).containsExactly(0, 1, 2, 3, 6);
        assertThat(CoreAllocator.parseCpuList("1")).containsExactly(1);
        assertThatThrownBy(() -> CoreAllocator.parseCpuList("3-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(CoreAllocator.cpuset(List.of(0, 1))).isEqualTo("0,1");
    }

    @Test
    void jobsGetDisjointCoresAndWholeOnes() throws Exception {
        CoreAllocator cores = new CoreAllocator(List.of(0, 1, 2));
        assertThat(cores.coresFor(0.5)).isEqualTo(1);
        assertThat(cores.coresFor(2)).isEqualTo(2);
        assertThat(cores.coresFor(16)).isEqualTo(3);
        List<Integer> first = cores.acquire(1);
        List<Integer> second = cores.acquire(2);
        assertThat(first).containsExactly(0);
        assertThat(second).containsExactly(1, 2);
        cores.release(first);
        assertThat(cores.acquire(1)).containsExactly(0);
    }

    @Test
    void reportsTheCoresItsJobsHoldAndWhoWaits() throws Exception {
        CoreAllocator cores = new CoreAllocator(List.of(0, 1, 2), 2);
        CoreAllocator.Reservation shared = cores.acquire(1, false);
        CoreAllocator.Reservation sharedToo = cores.acquire(1, false);
        assertThat(cores.reserved()).as("two jobs on two cores, least loaded first").isEqualTo(2);
        CoreAllocator.Reservation alone = cores.acquire(1, true);
        assertThat(cores.reserved()).isEqualTo(3);
        assertThat(cores.reservedAlone()).isEqualTo(1);
        ExecutorService jobs = Executors.newSingleThreadExecutor();
        CompletableFuture<CoreAllocator.Reservation> wide = CompletableFuture.supplyAsync(() -> {
            try {
                return cores.acquire(3, false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, jobs);
        waitUntilQueued(cores, 1);
        assertThat(cores.waiting()).isEqualTo(1);
        cores.release(alone);
        assertThat(cores.reservedAlone()).isZero();
        cores.release(wide.get(5, TimeUnit.SECONDS));
        cores.release(shared);
        cores.release(sharedToo);
        assertThat(cores.reserved()).isZero();
        assertThat(cores.waiting()).isZero();
        jobs.shutdown();
    }

    @Test
    void aWideJobIsNotOvertakenByNarrowOnes() throws Exception {
        CoreAllocator cores = new CoreAllocator(List.of(0, 1));
        List<Integer> running = cores.acquire(1);
        List<String> order = new CopyOnWriteArrayList<>();
        ExecutorService jobs = Executors.newFixedThreadPool(2);
        CompletableFuture<List<Integer>> wide = CompletableFuture.supplyAsync(() -> take(cores, 2, "wide", order), jobs);
        waitUntilQueued(cores, 1);
        CompletableFuture<List<Integer>> narrow = CompletableFuture.supplyAsync(() -> take(cores, 1, "narrow", order), jobs);
        waitUntilQueued(cores, 2);
        // One core is free, enough for the narrow job, but the wide job came first.
        Thread.sleep(100);
        assertThat(order).isEmpty();
        cores.release(running);
        List<Integer> both = wide.get(5, TimeUnit.SECONDS);
        assertThat(both).containsExactly(0, 1);
        assertThat(order).containsExactly("wide");
        cores.release(both);
        assertThat(narrow.get(5, TimeUnit.SECONDS)).hasSize(1);
        assertThat(order).containsExactly("wide", "narrow");
        jobs.shutdown();
    }

    @Test
    void lightJobsShareCoresAndASpeedupJobGetsItsCoresAlone() throws Exception {
        CoreAllocator cores = new CoreAllocator(List.of(0, 1), 2);
        assertThat(cores.capacity()).isEqualTo(4);
        CoreAllocator.Reservation first = cores.acquire(2, false);
        CoreAllocator.Reservation second = cores.acquire(2, false);
        assertThat(first.cores()).containsExactly(0, 1);
        assertThat(second.cores()).containsExactly(0, 1);
        ExecutorService jobs = Executors.newFixedThreadPool(2);
        CompletableFuture<CoreAllocator.Reservation> speedup = CompletableFuture.supplyAsync(() -> reserve(cores, 2, true), jobs);
        waitUntilQueued(cores, 1);
        CompletableFuture<CoreAllocator.Reservation> light = CompletableFuture.supplyAsync(() -> reserve(cores, 1, false), jobs);
        waitUntilQueued(cores, 2);
        cores.release(first);
        Thread.sleep(100);
        // A core with any grading on it is not "alone", and the light job may not jump the queue onto it.
        assertThat(speedup).isNotDone();
        assertThat(light).isNotDone();
        cores.release(second);
        CoreAllocator.Reservation alone = speedup.get(5, TimeUnit.SECONDS);
        assertThat(alone.cores()).containsExactly(0, 1);
        assertThat(alone.exclusive()).isTrue();
        Thread.sleep(100);
        assertThat(light).as("nothing shares the speedup job's cores").isNotDone();
        cores.release(alone);
        assertThat(light.get(5, TimeUnit.SECONDS).cores()).containsExactly(0);
        jobs.shutdown();
    }

    private static CoreAllocator.Reservation reserve(CoreAllocator cores, int count, boolean alone) {
        try {
            return cores.acquire(count, alone);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> take(CoreAllocator cores, int count, String name, List<String> order) {
        try {
            List<Integer> taken = cores.acquire(count);
            order.add(name);
            return taken;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntilQueued(CoreAllocator cores, int waiters) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (cores.waiting() < waiters && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(cores.waiting()).isEqualTo(waiters);
    }
}
