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
     * Folders on the server under which staff may name an exercise folder to publish (instead of uploading a zip);
     * none by default, which turns importing from server folders off.
     */
    Optional<List<String>> importRoots();
}
