package threadmark.web;

import io.quarkus.security.identity.SecurityIdentity;

/** Whether the page frame shows a logged-in reader the staff pages; the user feature knows which roles are staff. */
public interface StaffCheck {

    boolean isStaff(SecurityIdentity reader);
}
