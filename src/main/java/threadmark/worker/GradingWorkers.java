package threadmark.worker;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import threadmark.format.ExerciseDefinition;
import threadmark.grading.CoreAllocator;
import threadmark.grading.GradeReport;
import threadmark.grading.Grader;
import threadmark.grading.GradingInput;
import threadmark.grading.LocalCores;
import threadmark.grading.SharedCores;
import threadmark.process.ProcessConfig;
import threadmark.sandbox.Sandbox;
import threadmark.submission.ClaimedJob;
import threadmark.submission.GradingConfig;
import threadmark.submission.GradingQueue;
import threadmark.submission.GradingsQueued;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The grading workers inside this server process: each takes a job from the queue, grades it, stores it. */
@ApplicationScoped
public class GradingWorkers {

    @Inject
    GradingQueue queue;

    @Inject
    GradingConfig config;

    @Inject
    Sandbox sandbox;

    @Inject
    ProcessConfig process;

    private final Semaphore wakeUps = new Semaphore(0);
    private final Set<ClaimedJob> active = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService leaseRenewal;
    private CoreAllocator cores;
    private Grader grader;
    private volatile boolean running;

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled() || !process.role().grades()) {
            Log.infof("no grading workers in this process (threadmark.process.role=%s, threadmark.grading.enabled=%s)",
                    process.role().name().toLowerCase(Locale.ROOT), config.enabled());
            return;
        }
        cores = new CoreAllocator(gradingCores(), config.jobsPerCore());
        int workers = config.workers() > 0 ? config.workers() : cores.capacity();
        grader = new Grader(sandbox);
        cleanUpAfterDeadProcesses();
        running = true;
        long renewEvery = Math.max(1, config.lease().toMillis() / 3);
        leaseRenewal = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "grading-lease-renewal"));
        leaseRenewal.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        // A sibling worker process on this host may die at any time, not only before this one starts.
        leaseRenewal.scheduleWithFixedDelay(this::cleanUpAfterDeadProcesses, config.lease().toMillis(),
                config.lease().toMillis(), TimeUnit.MILLISECONDS);
        String owner = sandbox.runner().owner();
        for (int i = 1; i <= workers; i++) {
            String workerId = owner + "/w" + i;
            threads.add(Thread.ofPlatform().name("grading-worker-" + i).start(() -> work(workerId)));
        }
        Log.infof("started %d grading worker(s) on CPU core(s) %s, up to %d grading(s) per core%s", workers,
                cores.cores(), config.jobsPerCore(), config.pinCpus() ? ", each container pinned to its cores" : "");
        Thread.ofPlatform().daemon().name("shared-cores-check").start(() -> SharedCores.problem()
                .ifPresent(problem -> Log.warnf("this host cannot measure speedups reliably: %s", problem)));
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
        // Give interrupted workers the moment they need to put their jobs back while the database is still here.
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (leaseRenewal != null) {
            leaseRenewal.shutdownNow();
        }
    }

    /** Containers and jobs of server processes on this host that died without cleaning up (kill -9, a crash). */
    private void cleanUpAfterDeadProcesses() {
        try {
            int removed = sandbox.runner().removeLeftovers();
            int released = queue.releaseJobsOfDeadProcesses();
            if (removed > 0 || released > 0) {
                Log.infof("cleaned up after a dead server process: removed %d sandbox container(s), put %d grading "
                        + "job(s) back in the queue", removed, released);
            }
        } catch (RuntimeException e) {
            Log.warnf("cleaning up after dead server processes failed: %s", e.getMessage());
        }
    }

    /** Tells an idle worker that a job was just committed, so it need not wait for the next poll. */
    void wakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) GradingsQueued queued) {
        wakeUps.release();
    }

    private void work(String workerId) {
        int failures = 0;
        while (running) {
            try {
                Optional<ClaimedJob> job = queue.claim(workerId, cores.cores().size());
                if (failures > 0) {
                    Log.infof("worker %s: the queue answers again after %d failed attempt(s)", workerId, failures);
                    failures = 0;
                }
                if (job.isPresent()) {
                    process(job.get());
                } else {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Typically the database is away: keep the worker alive, say so once, and back off until it is back.
                if (failures++ == 0) {
                    Log.warnf("worker %s: cannot reach the queue (%s); retrying with back-off", workerId, e.getMessage());
                }
                sleepQuietly(Math.min(config.pollInterval().toMillis() << Math.min(failures, 4), 5_000));
            }
        }
    }

    private void process(ClaimedJob job) throws InterruptedException {
        active.add(job);
        try {
            GradingInput input = queue.input(job);
            ExerciseDefinition.Limits limits = input.exercise().limits();
            CoreAllocator.Reservation reserved = cores.acquire(cores.coresFor(limits.cpus()), limits.exclusiveCpus());
            GradeReport report;
            try {
                queue.started(job);
                report = grader.grade(input, config.pinCpus() ? CoreAllocator.cpuset(reserved.cores()) : null);
            } finally {
                cores.release(reserved);
            }
            if (report.isProvisional()) {
                queue.awaitFairMeasurement(job, report);
            } else if (queue.complete(job, report)) {
                Log.infof("grading %d stored by %s (attempt %d)", job.gradingId(), job.workerId(), job.attempt());
            }
        } catch (InterruptedException e) {
            releaseQuietly(job);
            throw e;
        } catch (RuntimeException e) {
            if (!running) {
                releaseQuietly(job);
                return;
            }
            Log.errorf(e, "grading %d attempt %d failed in the grader", job.gradingId(), job.attempt());
            queue.fail(job, e.getMessage());
        } finally {
            active.remove(job);
        }
    }

    private void releaseQuietly(ClaimedJob job) {
        try {
            queue.release(job);
            Log.infof("grading %d put back in the queue: this process is stopping", job.gradingId());
        } catch (RuntimeException e) {
            Log.warnf("grading %d could not be put back (%s); it is retaken when its lease runs out",
                    job.gradingId(), e.getMessage());
        }
    }

    /** The cores of {@code threadmark.grading.cpus}, else those this process may run on; cut to the CPU budget. */
    private List<Integer> gradingCores() {
        List<Integer> all = config.cpus().map(CoreAllocator::parseCpuList).orElseGet(LocalCores::allowed);
        int budget = config.cpuBudget() > 0 ? Math.min(config.cpuBudget(), all.size()) : all.size();
        return all.subList(0, budget);
    }

    private void renewLeases() {
        for (ClaimedJob job : active) {
            try {
                if (!queue.renew(job)) {
                    Log.warnf("grading %d: lease lost while grading", job.gradingId());
                }
            } catch (RuntimeException e) {
                Log.warnf("grading %d: lease renewal failed: %s", job.gradingId(), e.getMessage());
            }
        }
    }

    /** For {@link WorkerMetrics}: worker threads started, jobs they hold, and their cores (null: no workers here). */
    int started() {
        return threads.size();
    }

    int busy() {
        return active.size();
    }

    CoreAllocator allocator() {
        return cores;
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
