package threadmark.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A person who logs in: a student, an instructor or an admin. The password is stored as a bcrypt hash. */
@Entity
@Table(name = "app_user")
@UserDefinition
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Username
    public String username;

    @Password
    @Column(name = "password_hash")
    public String passwordHash;

    @Roles
    public String role;

    public String displayName;
    public String email;

    /** The student's id in the institution's student information system, which LMS gradebook imports match on. */
    public String sisId;
    public Instant createdAt = Instant.now();

    /** Set while the password is one someone else chose or saw (a first start's, a reset's); cleared by a change. */
    public boolean mustChangePassword;

    /** When staff disabled the account; a disabled account cannot log in and has no sessions. */
    public Instant disabledAt;

    public static User create(String username, String password, Role role) {
        User user = new User();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.role = role.name();
        user.persist();
        return user;
    }

    /** Replaces the password; {@code oneTime} marks it as one its owner must change at the next login. */
    public void setPassword(String password, boolean oneTime) {
        passwordHash = BcryptUtil.bcryptHash(password);
        mustChangePassword = oneTime;
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }

    public static Optional<User> byUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public static Optional<User> bySisId(String sisId) {
        return find("sisId", sisId).firstResultOptional();
    }

    /** The name a gradebook shows: the display name if set, else the username. */
    public String fullName() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }

    public boolean isStaff() {
        return Role.valueOf(role) != Role.STUDENT;
    }
}
