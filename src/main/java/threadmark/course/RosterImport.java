package threadmark.course;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import threadmark.user.PasswordHashes;
import threadmark.user.Role;
import threadmark.user.User;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Enrols students in a course, one typed in or a whole roster, all or none. A new username becomes a student account
 * (with the given password, or a generated one shown once). An existing account keeps its password whatever the
 * roster says. Its email, SIS id and name are filled in where blank, and overwritten only when the caller confirms
 * the changes listed to them; either only by someone who runs every course the student is in, or an admin. Each
 * change is logged. Passwords are hashed between two short transactions (generated ones at a lower bcrypt cost, see
 * {@link PasswordHashes}), so a 2,000-student roster holds no transaction open for minutes of bcrypt.
 */
@ApplicationScoped
public class RosterImport {

    /** A student account made while enrolling, with the password to hand over (shown this once). */
    public record NewAccount(String username, String password) {
    }

    /** A field of an existing account that the roster gives differently. */
    public record IdentityChange(String username, String field, String from, String to) {
        public String describe() {
            return "'" + username + "' " + field + " " + (from == null ? "(none)" : "'" + from + "'") + " → '" + to + "'";
        }
    }

    /**
     * What an enrolment did. {@code passwordsIgnored}: existing accounts for which a password was given and not used.
     */
    public record Enrolled(int enrolled, int alreadyEnrolled, List<NewAccount> created,
                           List<IdentityChange> identityChanges, List<String> passwordsIgnored) {
    }

    /** A roster that would change existing accounts, sent without confirming those changes (HTTP 409). */
    public static final class UnconfirmedIdentityChanges extends ClientErrorException {
        public final List<IdentityChange> changes;

        UnconfirmedIdentityChanges(List<IdentityChange> changes) {
            super("nobody was enrolled: the roster changes existing accounts: "
                    + changes.stream().map(IdentityChange::describe).collect(Collectors.joining("; "))
                    + ". Check them, then send the roster again confirming the changes (API: ?confirmIdentityChanges=true)",
                    Response.Status.CONFLICT);
            this.changes = List.copyOf(changes);
        }
    }

    private record Plan(Map<String, String> newPasswords, List<IdentityChange> changes, List<String> passwordsIgnored) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public Enrolled enrol(String courseSlug, List<StudentEntry> entries, boolean confirmIdentityChanges, User actor) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> plan(courseSlug, entries, confirmIdentityChanges, actor));
        Map<String, String> chosen = new LinkedHashMap<>();
        Map<String, String> generated = new LinkedHashMap<>();
        Map<String, StudentEntry> byName = entries.stream()
                .collect(Collectors.toMap(StudentEntry::username, Function.identity(), (a, b) -> a));
        plan.newPasswords().forEach((username, password) ->
                (byName.get(username).password() == null ? generated : chosen).put(username, password));
        Map<String, String> hashes = new LinkedHashMap<>(PasswordHashes.hashAll(chosen));
        hashes.putAll(PasswordHashes.hashAllGenerated(generated));
        return QuarkusTransaction.requiringNew().call(() -> apply(courseSlug, entries, plan, hashes, actor));
    }

    private static Plan plan(String courseSlug, List<StudentEntry> entries, boolean confirm, User actor) {
        CourseAccess.manageable(courseSlug, actor);
        Map<String, User> existing = accounts(entries);
        List<String> sisIds = entries.stream().map(StudentEntry::sisId).filter(Objects::nonNull).toList();
        Map<String, User> bySisId = sisIds.isEmpty() ? Map.of() : User.<User>list("sisId in ?1", sisIds).stream()
                .collect(Collectors.toMap(u -> u.sisId, Function.identity()));
        List<String> problems = new ArrayList<>();
        List<IdentityChange> changes = new ArrayList<>();
        List<String> passwordsIgnored = new ArrayList<>();
        Map<String, String> newPasswords = new LinkedHashMap<>();
        for (StudentEntry e : entries) {
            User account = existing.get(e.username());
            if (account != null && account.isStaff()) {
                problems.add("'" + e.username() + "' is a staff account, not a student");
            }
            User sisOwner = e.sisId() == null ? null : bySisId.get(e.sisId());
            if (sisOwner != null && !sisOwner.username.equals(e.username())) {
                problems.add("SIS id '" + e.sisId() + "' already belongs to '" + sisOwner.username + "'");
            }
            if (account == null) {
                newPasswords.put(e.username(), e.password() != null ? e.password() : generatedPassword());
                continue;
            }
            if (e.password() != null) {
                passwordsIgnored.add(e.username());
            }
            List<IdentityChange> mine = changesOf(account, e);
            if (!mine.isEmpty() && !CourseAccess.isAdmin(actor)) {
                List<String> others = CourseStaff.notRunBy(actor, account).stream().map(c -> c.slug).toList();
                if (!others.isEmpty()) {
                    problems.add("'" + e.username() + "' is also enrolled in " + String.join(", ", others)
                            + ", which you do not run: only an admin can change their email, SIS id or name");
                }
            }
            changes.addAll(mine);
        }
        if (!problems.isEmpty()) {
            throw new RosterCsv.InvalidRosterException(problems);
        }
        List<IdentityChange> overwrites = changes.stream().filter(c -> c.from() != null).toList();
        if (!overwrites.isEmpty() && !confirm) {
            throw new UnconfirmedIdentityChanges(overwrites);
        }
        return new Plan(newPasswords, changes, passwordsIgnored);
    }

    private static Enrolled apply(String courseSlug, List<StudentEntry> entries, Plan plan, Map<String, String> hashes,
                                  User actor) {
        Course course = CourseAccess.manageable(courseSlug, actor);
        Map<String, User> accounts = accounts(entries);
        List<String> raced = plan.newPasswords().keySet().stream().filter(accounts::containsKey).toList();
        if (!raced.isEmpty()) {
            throw new ClientErrorException("nobody was enrolled: " + String.join(", ", raced) + " got an account while "
                    + "the roster was read; import it again", Response.Status.CONFLICT);
        }
        List<NewAccount> created = new ArrayList<>();
        Map<Long, Enrolment> enrolments = Enrolment.<Enrolment>list("course = ?1", course).stream()
                .collect(Collectors.toMap(en -> en.user.id, Function.identity()));
        int enrolled = 0;
        int already = 0;
        for (StudentEntry e : entries) {
            User student = accounts.get(e.username());
            if (student == null) {
                student = newStudent(e, hashes.get(e.username()));
                if (e.password() == null) {
                    created.add(new NewAccount(e.username(), plan.newPasswords().get(e.username())));
                }
            }
            Enrolment enrolment = enrolments.get(student.id);
            if (enrolment == null) {
                enrolment = new Enrolment();
                enrolment.course = course;
                enrolment.user = student;
                enrolment.persist();
                enrolled++;
            } else {
                already++;
            }
            if (e.section() != null) {
                enrolment.section = e.section();
            }
        }
        for (IdentityChange change : plan.changes()) {
            User account = accounts.get(change.username());
            switch (change.field()) {
                case "email" -> account.email = change.to();
                case "SIS id" -> account.sisId = change.to();
                default -> account.displayName = change.to();
            }
            Log.infof("identity change by %s in course %s: %s", actor.username, course.slug, change.describe());
        }
        return new Enrolled(enrolled, already, created, plan.changes(), plan.passwordsIgnored());
    }

    private static Map<String, User> accounts(List<StudentEntry> entries) {
        return User.<User>list("username in ?1", entries.stream().map(StudentEntry::username).toList()).stream()
                .collect(Collectors.toMap(u -> u.username, Function.identity()));
    }

    private static List<IdentityChange> changesOf(User account, StudentEntry e) {
        List<IdentityChange> changes = new ArrayList<>();
        if (e.email() != null && !e.email().equals(account.email)) {
            changes.add(new IdentityChange(account.username, "email", account.email, e.email()));
        }
        if (e.sisId() != null && !e.sisId().equals(account.sisId)) {
            changes.add(new IdentityChange(account.username, "SIS id", account.sisId, e.sisId()));
        }
        if (e.displayName() != null && !e.displayName().equals(account.displayName)) {
            changes.add(new IdentityChange(account.username, "name", account.displayName, e.displayName()));
        }
        return changes;
    }

    private static User newStudent(StudentEntry e, String passwordHash) {
        User student = new User();
        student.username = e.username();
        student.passwordHash = passwordHash;
        student.role = Role.STUDENT.name();
        student.email = e.email();
        student.sisId = e.sisId();
        student.displayName = e.displayName();
        // The instructor chose or saw this password: it is the student's own only once they have changed it.
        student.mustChangePassword = true;
        student.persist();
        return student;
    }

    private static String generatedPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
