package threadmark.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import threadmark.process.ProcessConfig;
import threadmark.sandbox.Sandbox;
import threadmark.submission.GradingConfig;

/** A process that grades is ready only while its Docker engine answers (an orchestrator then stops sending it work). */
@Readiness
@ApplicationScoped
public class SandboxReadiness implements HealthCheck {

    @Inject
    Sandbox sandbox;

    @Inject
    ProcessConfig process;

    @Inject
    GradingConfig grading;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("sandbox").withData("role", process.role().name().toLowerCase());
        if (!process.role().grades() || !grading.enabled()) {
            return response.up().withData("docker", "not used").build();
        }
        try {
            sandbox.docker().pingCmd().exec();
            return response.up().withData("docker", "answers").build();
        } catch (RuntimeException e) {
            return response.down().withData("docker", String.valueOf(e.getMessage())).build();
        }
    }
}
