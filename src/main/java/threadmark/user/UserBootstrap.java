package threadmark.user;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import threadmark.process.ProcessConfig;

/**
 * On a first start (no users at all), creates the platform admin (who creates other admins and sees every course):
 * with the configured password, or else with a one-time password printed this once. Either must be changed at the
 * first login, so no password that sits in a log, a compose file or a shell history stays working.
 */
@ApplicationScoped
public class UserBootstrap {

    @Transactional
    void onStart(@Observes StartupEvent event, ProcessConfig process, AccountsConfig config) {
        if (!process.role().serves() || User.count() > 0) {
            return;
        }
        AccountsConfig.Bootstrap bootstrap = config.bootstrap();
        String password = bootstrap.instructorPassword().filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = OneTimePassword.generate();
        }
        User instructor = User.create(bootstrap.instructorUsername(), password, Role.ADMIN);
        instructor.mustChangePassword = bootstrap.requirePasswordChange();
        if (generated) {
            Log.warnf("First start: created admin '%s' with the one-time password %s (shown only now; "
                    + "it must be changed at the first login)", instructor.username, password);
        } else {
            Log.infof("First start: created admin '%s' with the password from THREADMARK_INSTRUCTOR_PASSWORD%s",
                    instructor.username, instructor.mustChangePassword ? " (to be changed at the first login)" : "");
        }
    }
}
