package threadmark.user;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On a first start (no users at all), creates the account named in the configuration as the platform admin: the one
 * who creates other admins and sees every course. Other staff see only the courses they hold a role in.
 */
@ApplicationScoped
public class UserBootstrap {

    @ConfigProperty(name = "threadmark.bootstrap.instructor-username")
    String username;

    @ConfigProperty(name = "threadmark.bootstrap.instructor-password")
    String password;

    @Transactional
    void onStart(@Observes StartupEvent event, threadmark.web.ProcessConfig process) {
        if (process.role().serves() && User.count() == 0) {
            User.create(username, password, Role.ADMIN);
            Log.infof("First start: created admin '%s' (password from threadmark.bootstrap.instructor-password)", username);
        }
    }
}
