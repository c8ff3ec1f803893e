package threadmark.pages;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import threadmark.course.Assignment;
import threadmark.exercise.Exercise;
import threadmark.exercise.ExerciseCatalog;
import threadmark.exercise.ExerciseUploads;
import threadmark.format.ExerciseArchive;
import threadmark.format.ExerciseDefinition;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.user.User;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The exercise catalogue as JSON: what students read before they submit (public; a logged-in student also sees
 * the deadline their course sets), and uploads of new exercises by staff. Hidden test sources never leave.
 */
@Path("/api")
@PermitAll
public class ExerciseApi {

    public record Summary(String slug, String title, int order, List<String> topics, double maxScore, int version,
                          Instant deadline) {
        static Summary of(Exercise e, Instant deadline) {
            return new Summary(e.slug, e.title, e.position, e.definition.topics(), e.definition.maxScore(), e.version,
                    deadline);
        }
    }

    public record TestInfo(String name, double points, boolean visible, String property) {
    }

    /** Before the reader's assignment opens ({@code opensAt}), prompt, starter files and tests are null. */
    public record Detail(String slug, String title, int version, List<String> topics, Instant opensAt, Instant deadline,
                         String prompt,
                         String promptRu, List<String> files,
                         Map<String, String> starterFiles, ExerciseDefinition.Limits limits, double maxScore,
                         List<TestInfo> tests, Map<String, String> visibleTests) {
    }

    @Inject
    ExerciseCatalog catalog;

    @Inject
    CurrentUser currentUser;

    @Inject
    ExerciseUploads uploads;

    private Map<String, Assignment> assignmentsOfCaller() {
        return currentUser.find().map(u -> Assignment.governing(u, Instant.now())).orElse(Map.of());
    }

    private static Instant dueAt(Assignment assignment) {
        return assignment == null ? null : assignment.dueAt;
    }

    @GET
    @Path("/exercises")
    @Transactional
    public List<Summary> list() {
        Map<String, Assignment> assignments = assignmentsOfCaller();
        return catalog.list().stream().map(e -> Summary.of(e, dueAt(assignments.get(e.slug)))).toList();
    }

    /**
     * An exercise's details, for a logged-in reader. Before the assignment that governs a student opens, they see its
     * title and dates only: no prompt, starter files, tests or visible test sources.
     */
    @GET
    @Path("/exercises/{slug}")
    @RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    @Transactional
    public Detail get(@PathParam("slug") String slug) {
        Exercise e = Exercise.current(slug).orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"));
        ExerciseDefinition d = e.definition;
        Assignment assignment = assignmentsOfCaller().get(slug);
        Instant now = Instant.now();
        if (assignment != null && !assignment.releasedAt(now) && !currentUser.get().isStaff()) {
            return new Detail(e.slug, e.title, e.version, d.topics(), assignment.releaseAt, assignment.dueAt, null, null,
                    d.files(), null, d.limits(), d.maxScore(), null, null);
        }
        List<TestInfo> tests = d.tests().stream()
                .map(t -> new TestInfo(t.methodName(), t.points(), t.visible(), t.property()))
                .toList();
        return new Detail(e.slug, e.title, e.version, d.topics(), assignment == null ? null : assignment.releaseAt,
                dueAt(assignment), e.promptMarkdown, e.promptMarkdownRu, d.files(), e.starterFiles, d.limits(),
                d.maxScore(), tests, e.visibleTests);
    }

    /**
     * Publishes an exercise folder sent as a zip once it passes every check, validation in the sandbox included
     * (this takes as long as grading each solution). 201 with the version, 422 with the report, 400 for a zip that
     * is refused before reading (paths escaping the folder, too large, not one folder).
     */
    @POST
    @Path("/exercises")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response upload(byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw new BadRequestException("send the exercise folder as a zip body (Content-Type: application/zip)");
        }
        User publisher = currentUser.get();
        return published(() -> uploads.upload(zip, publisher));
    }

    public record FolderImport(@NotBlank String folder) {
    }

    /** Publishes an exercise folder already on the server, under {@code threadmark.exercises.import-roots}. */
    @POST
    @Path("/exercises/imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response importFolder(@Valid @NotNull FolderImport request) {
        User publisher = currentUser.get();
        return published(() -> uploads.importFolder(request.folder(), publisher));
    }

    /** Makes another staff account an owner of an exercise, who may then publish its new versions too. */
    @PUT
    @Path("/exercises/{slug}/owners/{username}")
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Map<String, List<String>> addOwner(@PathParam("slug") String slug, @PathParam("username") String username) {
        return Map.of("owners", uploads.addOwner(currentUser.get(), slug, username));
    }

    private static Response published(Supplier<ExerciseUploads.Report> publishing) {
        ExerciseUploads.Report report;
        try {
            report = publishing.get();
        } catch (ExerciseArchive.RefusedException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (!report.published()) {
            return Response.status(422).entity(report).build();
        }
        return Response.created(URI.create("/api/exercises/" + report.slug())).entity(report).build();
    }
}
