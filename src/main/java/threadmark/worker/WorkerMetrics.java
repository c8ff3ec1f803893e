package threadmark.worker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import threadmark.grading.CoreAllocator;

import java.util.function.ToIntFunction;

/** This process's grading capacity for /q/metrics: workers started and busy, and the cores its gradings hold. */
@Startup
@ApplicationScoped
public class WorkerMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    GradingWorkers workers;

    @PostConstruct
    void register() {
        gauge("threadmark.grading.workers", "Grading worker threads in this process (0: it does not grade)",
                GradingWorkers::started);
        gauge("threadmark.grading.workers.busy", "Workers holding a job now (grading it, or waiting for its cores)",
                GradingWorkers::busy);
        cores("threadmark.grading.cores", "CPU cores this process grades on", cores -> cores.cores().size());
        cores("threadmark.grading.reserved.cores", "Cores running at least one grading now", CoreAllocator::reserved);
        cores("threadmark.grading.exclusive.cores", "Cores held alone by a speedup measurement",
                CoreAllocator::reservedAlone);
        cores("threadmark.grading.jobs.waiting.for.cores", "Claimed jobs waiting for their cores",
                CoreAllocator::waiting);
    }

    private void gauge(String name, String description, ToIntFunction<GradingWorkers> value) {
        Gauge.builder(name, workers, w -> value.applyAsInt(w)).description(description).strongReference(true)
                .register(registry);
    }

    private void cores(String name, String description, ToIntFunction<CoreAllocator> value) {
        gauge(name, description, w -> w.allocator() == null ? 0 : value.applyAsInt(w.allocator()));
    }
}
