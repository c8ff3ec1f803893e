package threadmark.exercise;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import threadmark.user.User;

/**
 * Chooses which version of an exercise students get: a draft once staff have previewed it, or an earlier version
 * again. Its owners and admins may. Every submission keeps the version it was graded against.
 */
@ApplicationScoped
public class ExerciseVersions {

    @Transactional
    public Exercise publish(User staff, String slug, int version) {
        Exercise chosen = Exercise.version(slug, version).orElseThrow(() -> new NotFoundException(
                Exercise.latestVersion(slug) == 0 ? "no exercise '" + slug + "'"
                        : "exercise '" + slug + "' has no version " + version));
        ExerciseOwner.requireMayPublish(slug, staff);
        if (chosen.current) {
            return chosen;
        }
        Exercise.update("current = false where slug = ?1 and current = true", slug);
        // Drafts older than the version now live were passed over: they wait no more.
        Exercise.update("draft = false where slug = ?1 and draft = true and version <= ?2", slug, version);
        Exercise.getEntityManager().flush();
        Exercise.getEntityManager().refresh(chosen);
        chosen.current = true;
        chosen.draft = false;
        Log.infof("exercise %s: %s published version %d", slug, staff.username, version);
        return chosen;
    }
}
