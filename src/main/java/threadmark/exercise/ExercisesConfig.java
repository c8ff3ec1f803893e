package threadmark.exercise;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where exercise folders live and how often to look for changes. */
@ConfigMapping(prefix = "threadmark.exercises")
public interface ExercisesConfig {

    @WithDefault("exercises")
    String dir();

    @WithDefault("5s")
    Duration watchInterval();
}
