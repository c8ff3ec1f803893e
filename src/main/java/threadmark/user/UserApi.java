package threadmark.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.NotAuthorizedException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Account management: staff create users (admins alone create admins), reset a student's password and disable or
 * enable accounts; everyone asks who they are and changes their own password.
 */
@Path("/api/users")
@Tag(name = "Users", description = "Accounts and passwords")
public class UserApi {

    @Inject
    Accounts accounts;

    @Inject
    CurrentUser currentUser;

    public record PasswordChange(String currentPassword, @NotNull String newPassword) {
    }

    public record AccountStatus(@NotNull Boolean disabled) {
    }

    public record NewUser(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "letters, digits, . _ @ - only") String username,
            @NotBlank @Size(min = 8, max = 200) String password,
            @NotNull Role role) {
    }

    public record UserView(long id, String username, Role role, boolean disabled, boolean mustChangePassword) {
        static UserView of(User user) {
            return new UserView(user.id, user.username, Role.valueOf(user.role), user.isDisabled(),
                    user.mustChangePassword);
        }
    }

    @Operation(summary = "Create an account (ADMIN only by an admin)")
    @POST
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response create(@Valid @NotNull NewUser request) {
        User user = accounts.create(currentUser.get(), request.username(), request.password(), request.role());
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    @Operation(summary = "Who the caller is")
    @GET
    @Path("/me")
    @RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public UserView me(@Context SecurityContext security) {
        return User.byUsername(security.getUserPrincipal().getName()).map(UserView::of)
                .orElseThrow(() -> new NotAuthorizedException("unknown user", "Basic"));
    }

    @Operation(summary = "Change the caller's own password")
    @PUT
    @Path("/me/password")
    @RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response changeOwnPassword(@Valid @NotNull PasswordChange change) {
        accounts.changeOwnPassword(currentUser.get().username, change.currentPassword(), change.newPassword(), null);
        return Response.noContent().build();
    }

    /** A one-time password for the user, shown in this answer only; they must change it at their next login. */
    @Operation(summary = "Reset a user's password to a one-time password, returned in this answer only")
    @POST
    @Path("/{username}/password-reset")
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Accounts.OneTime resetPassword(@PathParam("username") String username) {
        return accounts.resetPassword(currentUser.get(), username);
    }

    @Operation(summary = "Disable or enable an account (a disabled account's sessions end)")
    @PUT
    @Path("/{username}/status")
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response setStatus(@PathParam("username") String username, @Valid @NotNull AccountStatus status) {
        accounts.setDisabled(currentUser.get(), username, status.disabled());
        return Response.noContent().build();
    }
}
