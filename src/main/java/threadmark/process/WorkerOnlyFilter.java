package threadmark.process;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** A worker-only process answers health checks (for the orchestrator) and refuses pages and API with a sentence. */
@ApplicationScoped
public class WorkerOnlyFilter {

    @Inject
    ProcessConfig process;

    void install(@Observes Router router) {
        if (process.role().serves()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            if (rc.normalizedPath().startsWith("/q/health")) {
                rc.next();
                return;
            }
            rc.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", 503).put("error",
                            "this Threadmark process only grades (threadmark.process.role=worker); "
                                    + "send requests to a web server").encode());
        });
    }
}
