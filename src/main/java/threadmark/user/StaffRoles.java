package threadmark.user;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import threadmark.web.StaffCheck;

/** Instructors and admins are staff. */
@ApplicationScoped
public class StaffRoles implements StaffCheck {

    @Override
    public boolean isStaff(SecurityIdentity reader) {
        return reader.hasRole(Role.INSTRUCTOR_ROLE) || reader.hasRole(Role.ADMIN_ROLE);
    }
}
