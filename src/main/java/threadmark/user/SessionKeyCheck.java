package threadmark.user;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import threadmark.process.ProcessConfig;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Refuses to serve pages without a session key of at least 32 characters. Without one Quarkus would make a key up on
 * the first login and print it in the log, and whoever read the log could forge a login cookie for any user.
 */
@ApplicationScoped
public class SessionKeyCheck {

    static final String KEY = "quarkus.http.auth.session.encryption-key";
    static final int MIN_LENGTH = 32;

    void onStart(@Observes @Priority(1) StartupEvent event, ProcessConfig process) {
        if (!process.role().serves()) {
            return;
        }
        Optional<String> key;
        try {
            key = ConfigProvider.getConfig().getOptionalValue(KEY, String.class);
        } catch (NoSuchElementException unsetVariable) {
            key = Optional.empty();
        }
        if (key.filter(k -> k.strip().length() >= MIN_LENGTH).isEmpty()) {
            throw new IllegalStateException("THREADMARK_SESSION_KEY is " + (key.isEmpty() ? "not set" : "too short")
                    + ": set it to " + MIN_LENGTH + " or more random characters, the same on every server process "
                    + "(e.g. openssl rand -base64 32), and keep it secret: it encrypts the login cookies");
        }
    }
}
