package threadmark.exercise;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.util.List;
import java.util.Map;

/** The exercise catalogue as JSON: what students read before they submit. Hidden test sources never leave. */
@Path("/api")
@PermitAll
public class ExerciseApi {

    public record Summary(String slug, String title, int order, List<String> topics, double maxScore, int version) {
        static Summary of(Exercise e) {
            return new Summary(e.slug, e.title, e.position, e.definition.topics(), e.definition.maxScore(), e.version);
        }
    }

    public record TestInfo(String name, double points, boolean visible, String property) {
    }

    public record Detail(String slug, String title, int version, List<String> topics, String prompt, List<String> files,
                         Map<String, String> starterFiles, ExerciseDefinition.Limits limits, double maxScore,
                         List<TestInfo> tests, Map<String, String> visibleTests) {
    }

    @Inject
    ExerciseCatalog catalog;

    @GET
    @Path("/exercises")
    @Transactional
    public List<Summary> list() {
        return catalog.list().stream().map(Summary::of).toList();
    }

    @GET
    @Path("/exercises/{slug}")
    @Transactional
    public Detail get(@PathParam("slug") String slug) {
        Exercise e = Exercise.current(slug).orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"));
        ExerciseDefinition d = e.definition;
        List<TestInfo> tests = d.tests().stream()
                .map(t -> new TestInfo(t.methodName(), t.points(), t.visible(), t.property()))
                .toList();
        return new Detail(e.slug, e.title, e.version, d.topics(), e.promptMarkdown, d.files(), e.starterFiles, d.limits(),
                d.maxScore(), tests, e.visibleTests);
    }
}
