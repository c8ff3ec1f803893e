package threadmark.sandbox;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Makes the sandbox a server-wide bean; the CLI builds its own. */
@ApplicationScoped
public class SandboxProducer {

    @Produces
    @ApplicationScoped
    Sandbox sandbox(SandboxConfig config) {
        return new Sandbox(config, HarnessBundle.fromClasspath());
    }

    void close(@Disposes Sandbox sandbox) {
        try {
            sandbox.close();
        } catch (Exception e) {
            Log.debugf("closing the Docker client: %s", e.getMessage());
        }
    }
}
