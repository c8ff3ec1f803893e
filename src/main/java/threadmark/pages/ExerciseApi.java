package threadmark.pages;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import threadmark.course.Assignment;
import threadmark.course.ExerciseAccess;
import threadmark.exercise.Exercise;
import threadmark.exercise.ExerciseCatalog;
import threadmark.exercise.ExerciseListing;
import threadmark.exercise.ExerciseListings;
import threadmark.exercise.ExerciseVersions;
import threadmark.exercise.ExerciseDownloads;
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
 * The exercise catalogue as JSON, for a logged-in reader: what a student may open (their courses' exercises and those
 * for practice, with the deadline their course sets) and read before they submit; uploads of new exercises by staff.
 * Hidden test sources never leave.
 */
@Path("/api")
@RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Tag(name = "Exercises", description = "The catalogue as the caller may see it, and staff's publishing")
public class ExerciseApi {

    public record Summary(String slug, String title, int order, List<String> topics, double maxScore, int version,
                          Instant deadline) {
        static Summary of(Exercise e, Instant deadline) {
            return new Summary(e.slug, e.title, e.position, e.definition.topics(), e.definition.maxScore(), e.version,
                    deadline);
        }
    }

    public record TestInfo(String name, double points, boolean visible, String property, String propertyRu) {
    }

    /** Before the reader's assignment opens ({@code opensAt}), prompt, starter files and tests are null. */
    public record Detail(String slug, String title, int version, List<String> topics, Instant opensAt, Instant deadline,
                         String prompt,
                         String promptRu, List<String> files,
                         Map<String, String> starterFiles, ExerciseDefinition.Limits limits, double maxScore,
                         List<TestInfo> tests, Map<String, String> visibleTests,
                         Map<String, String> revealedTests) {
    }

    @Inject
    ExerciseCatalog catalog;

    @Inject
    CurrentUser currentUser;

    @Inject
    ExerciseUploads uploads;

    @Inject
    ExerciseDownloads downloads;

    @Inject
    ExerciseListings listings;

    @Inject
    ExerciseVersions versions;

    private Map<String, Assignment> assignmentsOfCaller() {
        return Assignment.governing(currentUser.get(), Instant.now());
    }

    private static Instant dueAt(Assignment assignment) {
        return assignment == null ? null : assignment.dueAt;
    }

    /** The exercises the caller may open: staff all of them; a student those of their courses and for practice. */
    @Operation(summary = "The exercises the caller may open, in catalogue order, with the caller's deadlines")
    @GET
    @Path("/exercises")
    @Transactional
    public List<Summary> list() {
        User caller = currentUser.get();
        Map<String, Assignment> assignments = Assignment.governing(caller, Instant.now());
        return catalog.list().stream().filter(e -> ExerciseAccess.mayOpen(caller, e.slug))
                .map(e -> Summary.of(e, dueAt(assignments.get(e.slug)))).toList();
    }

    /**
     * An exercise's details, for a logged-in reader. Before the assignment that governs a student opens, they see its
     * title and dates only: no prompt, starter files, tests or visible test sources. Staff may read any version
     * ({@code ?version=}, e.g. a draft); students only the live one.
     */
    @Operation(summary = "One exercise: prompt, starter files, limits, tests (hidden ones by name only), the caller's dates")
    @GET
    @Path("/exercises/{slug}")
    @Transactional
    public Detail get(@PathParam("slug") String slug, @QueryParam("version") Integer version) {
        boolean other = version != null && currentUser.get().isStaff();
        Exercise e = (other ? Exercise.version(slug, version) : Exercise.current(slug)).orElseThrow(() ->
                new NotFoundException(other ? "exercise '" + slug + "' has no version " + version
                        : "no exercise '" + slug + "'"));
        ExerciseAccess.requireMayOpen(currentUser.get(), slug);
        ExerciseDefinition d = e.definition;
        Assignment assignment = assignmentsOfCaller().get(slug);
        Instant now = Instant.now();
        if (assignment != null && !assignment.releasedAt(now) && !currentUser.get().isStaff()) {
            return new Detail(e.slug, e.title, e.version, d.topics(), assignment.releaseAt, assignment.dueAt, null, null,
                    d.files(), null, d.limits(), d.maxScore(), null, null, null);
        }
        List<TestInfo> tests = d.tests().stream()
                .map(t -> new TestInfo(t.methodName(), t.points(), t.visible(), t.property(), t.propertyRu()))
                .toList();
        return new Detail(e.slug, e.title, e.version, d.topics(), assignment == null ? null : assignment.releaseAt,
                dueAt(assignment), e.promptMarkdown, e.promptMarkdownRu, d.files(), e.starterFiles, d.limits(),
                d.maxScore(), tests, e.visibleTests,
                Assignment.hiddenTestsOpenTo(currentUser.get(), slug, now) ? e.hiddenTests : null);
    }

    /**
     * Publishes an exercise folder sent as a zip once it passes every check, validation in the sandbox included
     * (this takes as long as grading each solution). 201 with the version, 422 with the report, 400 for a zip that
     * is refused before reading (paths escaping the folder, too large, not one folder). With {@code dry-run=true},
     * validates it {@code runs} times (1 to 5) and publishes nothing: 200 with the report, tests' feedback included.
     */
    @Operation(summary = "Upload an exercise folder as a zip: validated in the sandbox, then saved (or only validated with dry-run)")
    @POST
    @Path("/exercises")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response upload(byte[] zip, @QueryParam("dry-run") boolean dryRun,
                           @QueryParam("runs") @DefaultValue("1") int runs) {
        if (zip == null || zip.length == 0) {
            throw new BadRequestException("send the exercise folder as a zip body (Content-Type: application/zip)");
        }
        if (dryRun) {
            try {
                return Response.ok(uploads.dryRun(zip, runs)).build();
            } catch (ExerciseArchive.RefusedException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        User publisher = currentUser.get();
        return published(() -> uploads.upload(zip, publisher));
    }

    public record FolderImport(@NotBlank String folder) {
    }

    /** Publishes an exercise folder already on the server, under {@code threadmark.exercises.import-roots}. */
    @Operation(summary = "Publish an exercise folder already on the server (under the import roots)")
    @POST
    @Path("/exercises/imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response importFolder(@Valid @NotNull FolderImport request) {
        User publisher = currentUser.get();
        return published(() -> uploads.importFolder(request.folder(), publisher));
    }

    /**
     * A version's folder as a zip (the live version unless {@code version} is given), hidden tests and solutions
     * included: staff copy and adapt it, then upload it under a new name.
     */
    @Operation(summary = "The folder a version was made from, as a zip (staff)")
    @GET
    @Path("/exercises/{slug}/archive")
    @Produces("application/zip")
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response archive(@PathParam("slug") String slug, @QueryParam("version") Integer version) {
        return downloads.zip(slug, version);
    }

    /** Makes another staff account an owner of an exercise, who may then publish its new versions too. */
    @Operation(summary = "Make another staff account an owner of the exercise")
    @PUT
    @Path("/exercises/{slug}/owners/{username}")
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Map<String, List<String>> addOwner(@PathParam("slug") String slug, @PathParam("username") String username) {
        return Map.of("owners", uploads.addOwner(currentUser.get(), slug, username));
    }

    /** One version of an exercise: LIVE (what students get), DRAFT (waiting to be published) or EARLIER. */
    public record VersionInfo(int version, String state, String title, Instant createdAt) {
        static VersionInfo of(Exercise e) {
            return new VersionInfo(e.version, e.current ? "LIVE" : e.draft ? "DRAFT" : "EARLIER", e.title, e.createdAt);
        }
    }

    /** Every version of an exercise, newest first (staff). */
    @Operation(summary = "Every version of the exercise, newest first: LIVE, DRAFT or EARLIER")
    @GET
    @Path("/exercises/{slug}/versions")
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    @Transactional
    public List<VersionInfo> versions(@PathParam("slug") String slug) {
        List<Exercise> versions = Exercise.versionsOf(slug);
        if (versions.isEmpty()) {
            throw new NotFoundException("no exercise '" + slug + "'");
        }
        return versions.stream().map(VersionInfo::of).toList();
    }

    public record Publication(@NotNull Integer version) {
    }

    /**
     * Makes a version the one students get: a draft once previewed, or an earlier version again (its owners and
     * admins). Submissions keep the version they were graded against.
     */
    @Operation(summary = "Make a version live: students get it from now on")
    @PUT
    @Path("/exercises/{slug}/live-version")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public VersionInfo publish(@PathParam("slug") String slug, @Valid @NotNull Publication request) {
        return VersionInfo.of(versions.publish(currentUser.get(), slug, request.version()));
    }

    /** What students see of an exercise; a field left out stays as it is. */
    public record Listing(ExerciseListing.Visibility visibility, Boolean practice) {
    }

    /** Lists, hides or archives an exercise, and opens it for practice or not (its owners and admins). */
    @Operation(summary = "Hide, archive or list the exercise, and open it for practice or not")
    @PUT
    @Path("/exercises/{slug}/listing")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Listing changeListing(@PathParam("slug") String slug, @NotNull Listing request) {
        ExerciseListing listing = listings.change(currentUser.get(), slug, request.visibility(), request.practice());
        return new Listing(listing.visibility, listing.practice);
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
