package threadmark.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import threadmark.course.Assignment;
import threadmark.course.AssignmentChange;
import threadmark.course.Extension;
import threadmark.course.Course;
import threadmark.course.CourseAccess;
import threadmark.course.CourseRole;
import threadmark.course.CourseService;
import threadmark.course.CourseStaff;
import threadmark.course.RosterCsv;
import threadmark.course.RosterImport;
import threadmark.course.StudentEntry;
import threadmark.exercise.Exercise;
import threadmark.gradebook.Gradebook;
import threadmark.gradebook.GradebookService;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.Dates;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;
import threadmark.web.TemplateExtensions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Staff run courses here: create one, set its assignments and counting rule, enrol students one by one or from a
 * CSV roster, and see and download the gradebook. Dates are entered and shown in UTC, like everywhere else.
 */
@Path("/staff/courses")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class CoursePage {

    public record CourseLink(String slug, String title, String counting) {
    }

    public record AssignmentRow(String exercise, String title, String opens, String due, String penalty,
                                String cutoff, String lmsId, String releaseInput, String dueInput, String cutoffInput,
                                Integer maxSubmissions, Integer freeSubmissions, String attemptPenalty) {
    }

    public record ExtensionRow(String exercise, String username, String due, String cutoff) {
    }

    public record ExerciseOption(String slug, String title) {
    }

    public record StaffRow(String username, String role) {
    }

    public record View(String slug, String title, String counting, List<AssignmentRow> assignments,
                       List<ExerciseOption> exercises, Gradebook gradebook, List<StaffRow> staff, boolean manage,
                       List<ExtensionRow> extensions) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance courses(PageFrame frame, List<CourseLink> courses, String error);

        static native TemplateInstance course(PageFrame frame, View course, String notice, String error,
                                              List<RosterImport.NewAccount> created);
    }


    @Inject
    PageContext page;

    @Inject
    CourseService courses;

    @Inject
    RosterImport rosters;

    @Inject
    GradebookService gradebooks;

    @Inject
    CurrentUser currentUser;

    @GET
    @Transactional
    public TemplateInstance list() {
        return listPage(null);
    }

    private TemplateInstance listPage(String error) {
        List<CourseLink> links = CourseAccess.visibleTo(currentUser.get()).stream()
                .map(c -> new CourseLink(c.slug, c.title, c.counting.name())).toList();
        return Templates.courses(page.frame(), links, error).setLocale(page.locale());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String slug, @RestForm String title, @RestForm String counting) {
        if (slug == null || !slug.matches("[a-z0-9][a-z0-9-]{0,99}") || title == null || title.isBlank()) {
            return html(400, listPage("a course needs a title and a short name of lowercase letters, digits and -"));
        }
        try {
            courses.create(slug, title, Course.Counting.valueOf(counting == null ? "BEST" : counting),
                    currentUser.get());
        } catch (WebApplicationException | IllegalArgumentException e) {
            return html(e instanceof WebApplicationException w ? w.getResponse().getStatus() : 400, listPage(e.getMessage()));
        }
        return Response.seeOther(URI.create("/staff/courses/" + slug)).build();
    }

    @GET
    @Path("/{course}")
    public TemplateInstance course(@PathParam("course") String slug) {
        return coursePage(slug, null, null, List.of());
    }

    @POST
    @Path("/{course}/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response settings(@PathParam("course") String slug, @RestForm String title, @RestForm String counting) {
        return act(slug, "Saved.", () -> {
            courses.update(slug, title, counting == null ? null : Course.Counting.valueOf(counting),
                    currentUser.get());
            return new Done(List.of(), null);
        });
    }

    @POST
    @Path("/{course}/assignments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(@PathParam("course") String slug, @RestForm String exercise, @RestForm String releaseAt,
                           @RestForm String dueAt, @RestForm String latePenaltyPerDay, @RestForm String cutoffAt,
                           @RestForm String lmsId, @RestForm String maxSubmissions, @RestForm String freeSubmissions,
                           @RestForm String attemptPenalty, @RestForm boolean revealHiddenTests) {
        return act(slug, "Assigned " + exercise + ".", () -> {
            Dates dates = page.dates();
            AssignmentChange change = new AssignmentChange(dates.parseInput(releaseAt, "opens"),
                    dates.parseInput(dueAt, "due"), number(latePenaltyPerDay, "late penalty"),
                    dates.parseInput(cutoffAt, "cut-off"), lmsId, null,
                    whole(maxSubmissions, "submissions allowed", 1), whole(freeSubmissions, "free submissions", 0),
                    number(attemptPenalty, "penalty per extra submission"), revealHiddenTests);
            courses.assign(slug, exercise, change, currentUser.get());
            return new Done(List.of(), null);
        });
    }

    /** Gives one student a later deadline on one assignment, read in the instructor's time zone. */
    @POST
    @Path("/{course}/extensions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response extend(@PathParam("course") String slug, @RestForm String exercise, @RestForm String username,
                           @RestForm String dueAt) {
        return act(slug, "Extended " + username + "'s deadline on " + exercise + ".", () -> {
            Instant due = page.dates().parseInput(dueAt, "extended");
            if (due == null) {
                throw new IllegalArgumentException("give the extended deadline");
            }
            courses.extend(slug, exercise, username == null ? "" : username.strip(), due, null, currentUser.get());
            return new Done(List.of(), null);
        });
    }

    @POST
    @Path("/{course}/assignments/{exercise}/removal")
    public Response unassign(@PathParam("course") String slug, @PathParam("exercise") String exercise) {
        return act(slug, "Removed " + exercise + " from the course.", () -> {
            courses.unassign(slug, exercise, currentUser.get());
            return new Done(List.of(), null);
        });
    }

    @POST
    @Path("/{course}/students")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enrol(@PathParam("course") String slug, @RestForm String username, @RestForm String email,
                          @RestForm String sisId, @RestForm String displayName, @RestForm String section) {
        return act(slug, "Enrolled " + username + ".", () -> {
            StudentEntry entry = new StudentEntry(username, email, sisId, displayName, section, null).trimmed();
            List<String> problems = RosterCsv.check(entry);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return enrolled(rosters.enrol(slug, List.of(entry), false, currentUser.get()));
        });
    }

    @POST
    @Path("/{course}/roster")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response roster(@PathParam("course") String slug, @RestForm("roster") FileUpload roster,
                           @RestForm boolean confirmIdentityChanges) throws IOException {
        if (roster == null || roster.size() == 0) {
            return html(400, coursePage(slug, null, "choose the roster's CSV file first", List.of()));
        }
        String csv = RosterCsv.decode(Files.readAllBytes(roster.uploadedFile()), null);
        return act(slug, null, () -> enrolled(rosters.enrol(slug, RosterCsv.parse(csv), confirmIdentityChanges,
                currentUser.get())));
    }

    @POST
    @Path("/{course}/students/{username}/removal")
    public Response unenrol(@PathParam("course") String slug, @PathParam("username") String username) {
        return act(slug, "Removed " + username + " from the course.", () -> {
            courses.unenrol(slug, username, currentUser.get());
            return new Done(List.of(), null);
        });
    }

    @POST
    @Path("/{course}/staff")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response grant(@PathParam("course") String slug, @RestForm String username, @RestForm String role) {
        return act(slug, "Granted " + username + " the role " + role + ".", () -> {
            courses.grant(slug, username == null ? "" : username.strip(), CourseRole.valueOf(role == null ? "" : role), currentUser.get());
            return new Done(List.of(), null);
        });
    }

    @POST
    @Path("/{course}/staff/{username}/removal")
    public Response revoke(@PathParam("course") String slug, @PathParam("username") String username) {
        return act(slug, "Removed " + username + " from the staff.", () -> {
            courses.revoke(slug, username, currentUser.get());
            return new Done(List.of(), null);
        });
    }

    /** What a change did: accounts to hand over, and what else to say. */
    private record Done(List<RosterImport.NewAccount> created, String note) {
    }

    /** The accounts to hand over, saying so where a password the roster gave for an existing account was not used. */
    private static Done enrolled(RosterImport.Enrolled result) {
        String note = result.passwordsIgnored().isEmpty() ? null : "Existing accounts keep their password; the "
                + "roster's was not used for " + String.join(", ", result.passwordsIgnored()) + ".";
        if (!result.identityChanges().isEmpty()) {
            note = (note == null ? "" : note + " ") + "Changed: " + result.identityChanges().stream()
                    .map(RosterImport.IdentityChange::describe).collect(Collectors.joining("; ")) + ".";
        }
        return new Done(result.created(), note);
    }

    private interface Action {
        Done run();
    }

    /** Runs a change and shows the course again, with what happened or why nothing did. */
    private Response act(String slug, String notice, Action action) {
        try {
            Done done = action.run();
            String said = (notice != null ? notice : "Roster imported.") + (done.note() == null ? "" : " " + done.note());
            return html(200, coursePage(slug, said, null, done.created()));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404 && Course.bySlug(slug).isEmpty()) {
                throw e;
            }
            return html(e.getResponse().getStatus(), coursePage(slug, null, e.getMessage(), List.of()));
        } catch (IllegalArgumentException e) {
            return html(400, coursePage(slug, null, e.getMessage(), List.of()));
        }
    }

    @Transactional
    TemplateInstance coursePage(String slug, String notice, String error, List<RosterImport.NewAccount> created) {
        Course course = CourseAccess.viewable(slug, currentUser.get());
        Locale locale = page.locale();
        Dates dates = page.dates();
        List<AssignmentRow> rows = Assignment.inCourse(course).stream().map(a -> new AssignmentRow(a.exerciseSlug,
                Exercise.current(a.exerciseSlug).map(e -> e.title).orElse(a.exerciseSlug),
                dates.format(a.releaseAt), dates.format(a.dueAt),
                a.latePenaltyPerDay > 0 ? TemplateExtensions.fmtScore(a.latePenaltyPerDay) : null,
                dates.format(a.cutoffAt), a.lmsId, dates.input(a.releaseAt), dates.input(a.dueAt),
                dates.input(a.cutoffAt), a.maxSubmissions, a.freeSubmissions,
                a.attemptPenalty > 0 ? TemplateExtensions.fmtScore(a.attemptPenalty) : null))
                .toList();
        List<ExtensionRow> extensions = Extension.inAssignments(Assignment.inCourse(course)).stream()
                .map(e -> new ExtensionRow(e.assignment.exerciseSlug, e.user.username, dates.format(e.dueAt),
                        dates.format(e.latePolicy().cutoffAt()))).toList();
        List<ExerciseOption> exercises = Exercise.catalogue().stream()
                .map(e -> new ExerciseOption(e.slug, e.title)).toList();
        List<StaffRow> staff = CourseStaff.inCourse(course).stream()
                .map(m -> new StaffRow(m.user.username, m.role.name())).toList();
        View view = new View(course.slug, course.title, course.counting.name(), rows, exercises, gradebooks.of(slug),
                staff, CourseAccess.mayManage(course, currentUser.get()), extensions);
        return Templates.course(page.frame(), view, notice, error, created).setLocale(locale);
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }

    private static Integer whole(String value, String field, int least) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < least) {
                throw new IllegalArgumentException("the " + field + " must be at least " + least);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + field + " '" + value + "' is not a whole number");
        }
    }

    private static Double number(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double penalty = Double.parseDouble(value.strip());
            if (penalty < 0 || penalty > 100) {
                throw new IllegalArgumentException("the " + field + " is a percentage from 0 to 100");
            }
            return penalty;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + field + " '" + value + "' is not a number");
        }
    }
}
