package threadmark.exercise;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where exercise folders live and how often to look for changes. */
@ConfigMapping(prefix = "threadmark.exercises")
public interface ExercisesConfig {

    String dir();

    Duration watchInterval();

    /**
     * Publish a changed folder only once every solution it declares did in the sandbox what the folder says of it
     * (the tests turn it off: the catalogue test validates every exercise once, and starts must not wait for it).
     */
    boolean validateChanges();

    /** When the machine was too busy to validate a change, how long until it is tried again. */
    Duration busyRetry();

    /**
     * Whether a new version of an exercise that is live (a changed folder, an upload) lands as a draft that staff
     * publish, rather than going live at once.
     */
    boolean changesAsDrafts();

    /**
     * Whether a newly published exercise is open to every logged-in user for practice, or only to the students of
     * the courses that assign it (staff change it per exercise on the exercises page).
     */
    boolean practiceByDefault();

    /**
     * Folders on the server under which staff may name an exercise folder to publish (instead of uploading a zip);
     * none by default, which turns importing from server folders off.
     */
    Optional<List<String>> importRoots();
}
