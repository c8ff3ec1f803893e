package threadmark.exercise;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

/**
 * An exercise version's folder as a zip, for staff to copy and adapt (hidden tests and solutions included, so staff
 * only): the live version unless another is named.
 */
@ApplicationScoped
public class ExerciseDownloads {

    @Transactional
    public Response zip(String slug, Integer version) {
        Exercise exercise = (version == null ? Exercise.current(slug).or(() -> Exercise.latest(slug))
                : Exercise.version(slug, version))
                .orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"
                        + (version == null ? "" : " in version " + version)));
        if (exercise.sourceArchive == null) {
            throw new NotFoundException("version " + exercise.version + " of '" + slug + "' was saved before folders "
                    + "were kept: publish it again to download it");
        }
        return Response.ok(exercise.sourceArchive, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + slug + "-v" + exercise.version + ".zip\"")
                .build();
    }
}
