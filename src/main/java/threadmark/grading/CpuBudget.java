package threadmark.grading;

import java.util.concurrent.Semaphore;

/**
 * CPUs that running gradings may use. A job takes as many whole CPUs as its exercise asks for, so a job
 * that measures speedup never shares its cores with another grading. The fair semaphore makes a wide job
 * wait its turn without narrower jobs overtaking it forever, and a waiting job holds nothing.
 */
final class CpuBudget {

    private final int total;
    private final Semaphore permits;

    CpuBudget(int total) {
        this.total = total;
        this.permits = new Semaphore(total, true);
    }

    int permitsFor(double cpus) {
        return Math.clamp((long) Math.ceil(cpus), 1, total);
    }

    void acquire(int cpus) throws InterruptedException {
        permits.acquire(cpus);
    }

    void release(int cpus) {
        permits.release(cpus);
    }

    int total() {
        return total;
    }
}
