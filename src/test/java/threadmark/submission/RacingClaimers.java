package threadmark.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Claimers released at one instant, each in its own transactions, draining the queue as racing workers would. */
final class RacingClaimers {

    private RacingClaimers() {
    }

    /**
     * {@code workers} claimers take jobs until the queue is empty or {@code budget} were taken, doing {@code withJob}
     * with each; the ids of every job taken, by whichever claimer.
     */
    static List<Long> race(GradingQueue queue, int workers, int budget, String name, Consumer<ClaimedJob> withJob)
            throws Exception {
        AtomicInteger left = new AtomicInteger(budget);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<Long>>> claims = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String workerId = name + "-" + w;
            Callable<List<Long>> drain = () -> {
                start.await();
                List<Long> mine = new ArrayList<>();
                while (left.getAndDecrement() > 0) {
                    Optional<ClaimedJob> job = queue.claim(workerId);
                    if (job.isEmpty()) {
                        break;
                    }
                    withJob.accept(job.get());
                    mine.add(job.get().gradingId());
                }
                return mine;
            };
            claims.add(pool.submit(drain));
        }
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> claim : claims) {
            all.addAll(claim.get());
        }
        pool.shutdown();
        return all;
    }
}
