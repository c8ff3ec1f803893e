package threadmark.course;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import threadmark.user.CurrentUser;
import threadmark.user.Role;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Courses for staff, as JSON: create one, enrol students (one by one or as a CSV roster), assign exercises, grant
 * staff roles. Each caller sees only the courses they hold a role in ({@link CourseAccess}).
 */
@Path("/api")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Tag(name = "Courses", description = "Courses, their students, staff, assignments and extensions")
public class CourseApi {

    public record NewCourse(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "lowercase letters, digits and - only") String slug,
            @NotBlank @Size(max = 300) String title,
            Course.Counting counting) {
    }

    public record CourseChange(@Size(max = 300) String title, Course.Counting counting) {
    }

    public record AssignmentView(String exercise, int position, Instant releaseAt, Instant dueAt,
                                 double latePenaltyPerDay, Instant cutoffAt, String lmsId, Integer maxSubmissions,
                                 Integer freeSubmissions, double attemptPenalty, boolean revealHiddenTests) {
        static AssignmentView of(Assignment a) {
            return new AssignmentView(a.exerciseSlug, a.position, a.releaseAt, a.dueAt, a.latePenaltyPerDay,
                    a.cutoffAt, a.lmsId, a.maxSubmissions, a.freeSubmissions, a.attemptPenalty, a.revealHiddenTests);
        }
    }

    /** One student's later deadline on one assignment; {@code cutoffAt} left out moves with the deadline. */
    public record ExtensionChange(@NotNull Instant dueAt, Instant cutoffAt) {
    }

    public record ExtensionView(String exercise, String username, Instant dueAt, Instant cutoffAt, String grantedBy,
                                Instant grantedAt) {
        static ExtensionView of(Extension e) {
            return new ExtensionView(e.assignment.exerciseSlug, e.user.username, e.dueAt, e.latePolicy().cutoffAt(),
                    e.grantedBy == null ? null : e.grantedBy.username, e.grantedAt);
        }
    }

    public record StudentView(String username, String name, String email, String sisId, String section) {
        static StudentView of(Enrolment e) {
            return new StudentView(e.user.username, e.user.fullName(), e.user.email, e.user.sisId, e.section);
        }
    }

    public record StaffView(String username, CourseRole role) {
        static StaffView of(CourseStaff s) {
            return new StaffView(s.user.username, s.role);
        }
    }

    public record CourseView(String slug, String title, Course.Counting counting, List<AssignmentView> assignments,
                             List<StudentView> students, List<StaffView> staff) {
        static CourseView of(Course c) {
            return new CourseView(c.slug, c.title, c.counting,
                    Assignment.inCourse(c).stream().map(AssignmentView::of).toList(),
                    Enrolment.inCourse(c).stream().map(StudentView::of).toList(),
                    CourseStaff.inCourse(c).stream().map(StaffView::of).toList());
        }
    }

    public record StaffRole(@NotNull CourseRole role) {
    }

    public record CourseSummary(String slug, String title, Course.Counting counting) {
    }

    @Inject
    CourseService courses;

    @Inject
    RosterImport rosters;

    @Inject
    CurrentUser currentUser;

    @Operation(summary = "The courses the caller holds a role in")
    @GET
    @Path("/courses")
    @Transactional
    public List<CourseSummary> list() {
        return CourseAccess.visibleTo(currentUser.get()).stream().map(c -> new CourseSummary(c.slug, c.title, c.counting)).toList();
    }

    @Operation(summary = "Create a course; the caller becomes its instructor")
    @POST
    @Path("/courses")
    @Transactional
    public Response create(@Valid @NotNull NewCourse request) {
        Course course = courses.create(request.slug(), request.title(), request.counting(), currentUser.get());
        return Response.created(URI.create("/api/courses/" + course.slug)).entity(CourseView.of(course)).build();
    }

    @Operation(summary = "A course: assignments, students and staff")
    @GET
    @Path("/courses/{course}")
    @Transactional
    public CourseView get(@PathParam("course") String slug) {
        return CourseView.of(CourseAccess.viewable(slug, currentUser.get()));
    }

    @Operation(summary = "Change a course's title or whether the best or the last submission counts")
    @PATCH
    @Path("/courses/{course}")
    @Transactional
    public CourseView change(@PathParam("course") String slug, @Valid @NotNull CourseChange change) {
        return CourseView.of(courses.update(slug, change.title(), change.counting(), currentUser.get()));
    }

    @Operation(summary = "Enrol one student (an account is made when missing)")
    @POST
    @Path("/courses/{course}/students")
    @Consumes(MediaType.APPLICATION_JSON)
    public RosterImport.Enrolled enrol(@PathParam("course") String slug, @Valid @NotNull StudentEntry student,
                                       @QueryParam("confirmIdentityChanges") boolean confirm) {
        return rosters.enrol(slug, List.of(student.trimmed()), confirm, currentUser.get());
    }

    /**
     * A roster as CSV (see {@link RosterCsv}): everyone on it is enrolled, or nobody is. Read as UTF-8 unless the
     * Content-Type names another charset (spreadsheets often save windows-1252). Changes to existing accounts' email,
     * SIS id or name need {@code ?confirmIdentityChanges=true}; without it the roster is refused listing them.
     */
    @Operation(summary = "Enrol students from a CSV roster: all or none")
    @POST
    @Path("/courses/{course}/roster")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public RosterImport.Enrolled roster(@PathParam("course") String slug, byte[] csv, @Context HttpHeaders headers,
                                        @QueryParam("confirmIdentityChanges") boolean confirm) {
        String charset = headers.getMediaType() == null ? null : headers.getMediaType().getParameters().get("charset");
        return rosters.enrol(slug, RosterCsv.parse(RosterCsv.decode(csv, charset)), confirm, currentUser.get());
    }

    @Operation(summary = "Unenrol a student (their submissions and grades stay)")
    @DELETE
    @Path("/courses/{course}/students/{username}")
    public Response unenrol(@PathParam("course") String slug, @PathParam("username") String username) {
        courses.unenrol(slug, username, currentUser.get());
        return Response.noContent().build();
    }

    @Operation(summary = "Assign an exercise, or change its dates, late penalty and attempt policy")
    @PUT
    @Path("/courses/{course}/assignments/{exercise}")
    @Transactional
    public AssignmentView assign(@PathParam("course") String slug, @PathParam("exercise") String exercise,
                                 @Valid @NotNull AssignmentChange change) {
        return AssignmentView.of(courses.assign(slug, exercise, change, currentUser.get()));
    }

    @Operation(summary = "Remove an assignment from the course")
    @DELETE
    @Path("/courses/{course}/assignments/{exercise}")
    public Response unassign(@PathParam("course") String slug, @PathParam("exercise") String exercise) {
        courses.unassign(slug, exercise, currentUser.get());
        return Response.noContent().build();
    }

    /** Gives an enrolled student a later deadline on one assignment (its instructors), or changes the one they have. */
    @Operation(summary = "Give one student a later deadline (and cut-off)")
    @PUT
    @Path("/courses/{course}/assignments/{exercise}/extensions/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ExtensionView extend(@PathParam("course") String slug, @PathParam("exercise") String exercise,
                                @PathParam("username") String username, @Valid @NotNull ExtensionChange change) {
        return ExtensionView.of(courses.extend(slug, exercise, username, change.dueAt(), change.cutoffAt(),
                currentUser.get()));
    }

    @Operation(summary = "Withdraw a student's extension")
    @DELETE
    @Path("/courses/{course}/assignments/{exercise}/extensions/{username}")
    public Response withdrawExtension(@PathParam("course") String slug, @PathParam("exercise") String exercise,
                                      @PathParam("username") String username) {
        courses.withdrawExtension(slug, exercise, username, currentUser.get());
        return Response.noContent().build();
    }

    /** Every extension in the course (its staff). */
    @Operation(summary = "Every extension in the course")
    @GET
    @Path("/courses/{course}/extensions")
    @Transactional
    public List<ExtensionView> extensions(@PathParam("course") String slug) {
        Course course = CourseAccess.viewable(slug, currentUser.get());
        return Extension.inAssignments(Assignment.inCourse(course)).stream().map(ExtensionView::of).toList();
    }

    /** Gives a staff account a role in the course (or changes it); only the course's instructors or an admin. */
    @Operation(summary = "Grant a staff role in the course")
    @PUT
    @Path("/courses/{course}/staff/{username}")
    @Transactional
    public StaffView grant(@PathParam("course") String slug, @PathParam("username") String username,
                           @Valid @NotNull StaffRole request) {
        return StaffView.of(courses.grant(slug, username, request.role(), currentUser.get()));
    }

    @Operation(summary = "Revoke a staff role in the course")
    @DELETE
    @Path("/courses/{course}/staff/{username}")
    public Response revoke(@PathParam("course") String slug, @PathParam("username") String username) {
        courses.revoke(slug, username, currentUser.get());
        return Response.noContent().build();
    }
}
