package threadmark.course;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One student to enrol, from the API, the page or a roster line. An unknown username becomes a new student account
 * (with {@code password}, or a generated one that is shown once); a known one is updated with what is given.
 */
public record StudentEntry(
        @NotBlank @Size(max = 100) @Pattern(regexp = USERNAME, message = "letters, digits, . _ @ - only") String username,
        @Email @Size(max = 320) String email,
        @Size(max = 100) String sisId,
        @Size(max = 200) String displayName,
        @Size(max = 200) String section,
        @Size(min = 8, max = 200) String password) {

    public static final String USERNAME = "[A-Za-z0-9._@-]+";

    /** The same entry with blank fields as null, so "not given" has one spelling. */
    public StudentEntry trimmed() {
        return new StudentEntry(strip(username), strip(email), strip(sisId), strip(displayName), strip(section),
                password == null || password.isEmpty() ? null : password);
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
