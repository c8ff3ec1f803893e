package threadmark.user;

/** What a user may do; the names double as security roles. */
public enum Role {
    STUDENT, INSTRUCTOR, ADMIN;

    public static final String STUDENT_ROLE = "STUDENT";
    public static final String INSTRUCTOR_ROLE = "INSTRUCTOR";
    public static final String ADMIN_ROLE = "ADMIN";
}
