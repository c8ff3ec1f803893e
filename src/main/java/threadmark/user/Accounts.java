package threadmark.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/** The password lifecycle: changing one's own, staff resetting a student's, disabling and enabling accounts. */
@ApplicationScoped
public class Accounts {

    private final Sessions sessions;
    private final StudentStewards stewards;

    public Accounts(Sessions sessions, StudentStewards stewards) {
        this.sessions = sessions;
        this.stewards = stewards;
    }

    /** A password handed over once; its owner must change it at the next login. */
    public record OneTime(String username, String password) {
    }

    /** A new account, made by staff; only an admin makes admins. */
    @Transactional
    public User create(User staff, String username, String password, Role role) {
        if (role == Role.ADMIN && Role.valueOf(staff.role) != Role.ADMIN) {
            throw new ForbiddenException("only a platform admin can create admin accounts");
        }
        if (User.byUsername(username).isPresent()) {
            throw new ClientErrorException("user '" + username + "' already exists", Response.Status.CONFLICT);
        }
        return User.create(username, password, role);
    }

    /** Ends the user's other sessions; {@code from} is the request whose session stays (null: none). */
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword,
                                  HttpServerRequest from) {
        User user = User.byUsername(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        if (currentPassword == null || !BcryptUtil.matches(currentPassword, user.passwordHash)) {
            throw new BadRequestException("the current password is wrong");
        }
        checkNewPassword(user, newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new BadRequestException("the new password must differ from the current one");
        }
        user.setPassword(newPassword, false);
        sessions.endOthers(user.id, from);
        Log.infof("%s changed their password", username);
    }

    /**
     * The instructors of a student's course reset the student's password (an admin anyone's but their own): a
     * one-time password, shown once.
     */
    @Transactional
    public OneTime resetPassword(User staff, String username) {
        User user = manageable(staff, username);
        String password = OneTimePassword.generate();
        user.setPassword(password, true);
        sessions.endOthers(user.id, null);
        Log.infof("%s (%s) reset the password of %s (%s)", staff.username, staff.role, user.username, user.role);
        return new OneTime(user.username, password);
    }

    @Transactional
    public void setDisabled(User staff, String username, boolean disabled) {
        User user = manageable(staff, username);
        if (disabled == user.isDisabled()) {
            return;
        }
        user.disabledAt = disabled ? Instant.now() : null;
        sessions.endOthers(user.id, null);
        Log.infof("%s (%s) %s the account of %s (%s)", staff.username, staff.role, disabled ? "disabled" : "enabled",
                user.username, user.role);
    }

    private User manageable(User staff, String username) {
        User user = User.byUsername(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        if (user.id.equals(staff.id)) {
            throw new ForbiddenException("you cannot do this to your own account: change your password at "
                    + "/account/password, or ask another admin");
        }
        boolean admin = Role.valueOf(staff.role) == Role.ADMIN;
        if (!admin && user.isStaff()) {
            throw new ForbiddenException("only an admin can reset or disable a staff account");
        }
        if (!admin && !stewards.mayManage(staff, user)) {
            throw new ForbiddenException("only the instructors of a course that enrols " + user.username
                    + " (or an admin) can reset or disable their account");
        }
        return user;
    }

    private static void checkNewPassword(User user, String password) {
        if (password == null || password.length() < 8) {
            throw new BadRequestException("the new password must have at least 8 characters");
        }
        if (password.length() > 200) {
            throw new BadRequestException("the new password may have at most 200 characters");
        }
        if (password.equalsIgnoreCase(user.username)) {
            throw new BadRequestException("the new password must not be your user name");
        }
    }
}
