package threadmark.exercise;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import threadmark.user.User;

import java.time.Instant;

/**
 * Changes who sees an exercise: listed, hidden or archived, and open for practice or not. Its owners and admins may
 * (as they may publish it); no version, submission or grade is touched.
 */
@ApplicationScoped
public class ExerciseListings {

    /** {@code null} leaves that part as it is. */
    @Transactional
    public ExerciseListing change(User staff, String slug, ExerciseListing.Visibility visibility, Boolean practice) {
        if (Exercise.latestVersion(slug) == 0) {
            throw new NotFoundException("no exercise '" + slug + "'");
        }
        ExerciseOwner.requireMayPublish(slug, staff);
        ExerciseListing listing = ExerciseListing.of(slug);
        if (visibility != null) {
            listing.visibility = visibility;
        }
        if (practice != null) {
            listing.practice = practice;
        }
        listing.changedAt = Instant.now();
        listing.changedBy = staff;
        listing.persist();
        Log.infof("exercise %s: %s set it %s%s", slug, staff.username, listing.visibility,
                listing.practice ? ", open for practice" : "");
        return listing;
    }
}
