package threadmark.exercise;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import threadmark.format.ExerciseArchive;
import threadmark.format.ExerciseScaffold;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.Dates;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Staff only: the catalogue and how students see each exercise (listed, hidden, archived; open for practice), uploads
 * of an exercise folder as a zip with the validation report, and folder changes that were not published.
 */
@Path("/staff/exercises")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class ExerciseUploadPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance upload(PageFrame frame, List<String> importRoots, ExerciseUploads.Report report,
                                              String error, List<Refused> refused, List<Listed> catalogue,
                                              List<String> kinds);
    }

    /** A change of a folder in the server's exercises folder that was not published, and why. */
    public record Refused(String slug, String refusedAt, boolean judged, List<String> problems) {
    }

    /** A published exercise and how students see it. */
    public record Listed(String slug, String title, int version, Integer draft, ExerciseListing.Visibility visibility,
                         boolean practice) {
    }

    @Inject
    PageContext page;

    @Inject
    ExerciseListings listings;

    @Inject
    ExerciseVersions versions;

    @Inject
    ExerciseUploads uploads;

    @Inject
    ExerciseDownloads downloads;

    @Inject
    ExercisesConfig config;

    @Inject
    CurrentUser currentUser;

    @GET
    public TemplateInstance form() {
        return Templates.upload(page.frame(), importRoots(), null, null, refused(), catalogue(), kinds())
                .setLocale(page.locale());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("zip") FileUpload zip, @RestForm("dry-run") boolean dryRun,
                           @RestForm("runs") Integer runs) throws IOException {
        if (zip == null || zip.size() == 0) {
            return render(400, null, "choose the exercise's zip file first");
        }
        try {
            byte[] bytes = Files.readAllBytes(zip.uploadedFile());
            if (dryRun) {
                return render(200, uploads.dryRun(bytes, runs == null ? 1 : runs), null);
            }
            ExerciseUploads.Report report = uploads.upload(bytes, currentUser.get());
            return render(report.published() ? 201 : 422, report, null);
        } catch (ExerciseArchive.RefusedException e) {
            return render(400, null, e.getMessage());
        } catch (ForbiddenException e) {
            return render(403, null, e.getMessage());
        }
    }

    @POST
    @Path("/imports")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response importFolder(@RestForm String folder) {
        if (folder == null || folder.isBlank()) {
            return render(400, null, "type the path of the exercise folder on the server first");
        }
        try {
            ExerciseUploads.Report report = uploads.importFolder(folder.strip(), currentUser.get());
            return render(report.published() ? 201 : 422, report, null);
        } catch (ExerciseArchive.RefusedException e) {
            return render(400, null, e.getMessage());
        } catch (ForbiddenException e) {
            return render(403, null, e.getMessage());
        }
    }

    /**
     * A new exercise to start from, of a kind (race, deadlock, pool, speedup, pipeline, virtual-threads), as a zip
     * folder named my-KIND: what {@code threadmark new} writes.
     */
    @GET
    @Path("/templates/{kind}.zip")
    @Produces("application/zip")
    public Response template(@RestPath String kind) {
        String slug = "my-" + kind;
        try {
            byte[] zip = ExerciseArchive.pack(slug,
                    ExerciseScaffold.files(java.nio.file.Path.of(config.dir()), kind, slug));
            return Response.ok(zip, "application/zip")
                    .header("Content-Disposition", "attachment; filename=\"" + slug + ".zip\"").build();
        } catch (ExerciseScaffold.ScaffoldException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    /** The folder of a version (the live one unless {@code version} is given) as a zip, to copy and adapt. */
    @GET
    @Path("/{slug}/archive")
    @Produces("application/zip")
    public Response download(@RestPath String slug, @RestQuery Integer version) {
        return downloads.zip(slug, version);
    }

    /** Lists, hides or archives an exercise, and opens it for practice or closes it. */
    @POST
    @Path("/{slug}/listing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeListing(@RestPath String slug, @RestForm String visibility, @RestForm boolean practice) {
        ExerciseListing.Visibility chosen;
        try {
            chosen = ExerciseListing.Visibility.valueOf(visibility == null ? "" : visibility);
        } catch (IllegalArgumentException e) {
            return render(400, null, "choose how students see the exercise: LISTED, HIDDEN or ARCHIVED");
        }
        try {
            listings.change(currentUser.get(), slug, chosen, practice);
        } catch (ForbiddenException e) {
            return render(403, null, e.getMessage());
        }
        return Response.seeOther(URI.create("/staff/exercises#listing-" + slug)).build();
    }

    /** Makes a version (a previewed draft, or an earlier one) the one students get. */
    @POST
    @Path("/{slug}/live-version")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@RestPath String slug, @RestForm Integer version) {
        if (version == null) {
            return render(400, null, "choose the version to publish");
        }
        try {
            versions.publish(currentUser.get(), slug, version);
        } catch (ForbiddenException e) {
            return render(403, null, e.getMessage());
        }
        return Response.seeOther(URI.create("/staff/exercises#listing-" + slug)).build();
    }

    private List<Listed> catalogue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, ExerciseListing> listed = ExerciseListing.all();
            return Exercise.catalogue().stream().map(e -> {
                ExerciseListing l = listed.get(e.slug);
                return new Listed(e.slug, e.title, e.version,
                        Exercise.pendingDraft(e.slug).map(d -> d.version).orElse(null),
                        l == null ? ExerciseListing.Visibility.LISTED : l.visibility, l != null && l.practice);
            }).toList();
        });
    }

    private List<Refused> refused() {
        return QuarkusTransaction.requiringNew().call(() -> ExerciseRefusal.all().stream()
                .map(r -> new Refused(r.slug, page.dates().format(r.refusedAt), r.judged, r.problems)).toList());
    }

    private static List<String> kinds() {
        return List.copyOf(ExerciseScaffold.KINDS.keySet());
    }

    private List<String> importRoots() {
        return config.importRoots().orElse(List.of());
    }

    private Response render(int status, ExerciseUploads.Report report, String error) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.upload(page.frame(), importRoots(), report, error, refused(), catalogue(), kinds())
                        .setLocale(page.locale()).render())
                .build();
    }
}
