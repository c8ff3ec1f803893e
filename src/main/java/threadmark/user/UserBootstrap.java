package threadmark.user;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** On a first start (no users at all), creates the instructor named in the configuration. */
@ApplicationScoped
public class UserBootstrap {

    @ConfigProperty(name = "threadmark.bootstrap.instructor-username")
    String username;

    @ConfigProperty(name = "threadmark.bootstrap.instructor-password")
    String password;

    @Transactional
    void onStart(@Observes StartupEvent event, threadmark.web.ProcessConfig process) {
        if (process.role().serves() && User.count() == 0) {
            User.create(username, password, Role.INSTRUCTOR);
            Log.infof("First start: created instructor '%s' (password from threadmark.bootstrap.instructor-password)", username);
        }
    }
}
