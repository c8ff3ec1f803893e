package threadmark.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;

/** Minimal account management: staff create users (admins alone create admins); anyone logged in can ask who they are. */
@Path("/api/users")
public class UserApi {

    public record NewUser(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "letters, digits, . _ @ - only") String username,
            @NotBlank @Size(min = 8, max = 200) String password,
            @NotNull Role role) {
    }

    public record UserView(long id, String username, Role role) {
        static UserView of(User user) {
            return new UserView(user.id, user.username, Role.valueOf(user.role));
        }
    }

    @POST
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    @Transactional
    public Response create(@Valid @NotNull NewUser request, @Context SecurityContext security) {
        if (request.role() == Role.ADMIN && !security.isUserInRole(Role.ADMIN_ROLE)) {
            throw new ForbiddenException("only a platform admin can create admin accounts");
        }
        if (User.byUsername(request.username()).isPresent()) {
            throw new ClientErrorException("user '" + request.username() + "' already exists", Response.Status.CONFLICT);
        }
        User user = User.create(request.username(), request.password(), request.role());
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    @GET
    @Path("/me")
    @RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public UserView me(@Context SecurityContext security) {
        return User.byUsername(security.getUserPrincipal().getName()).map(UserView::of)
                .orElseThrow(() -> new NotAuthorizedException("unknown user", "Basic"));
    }
}
