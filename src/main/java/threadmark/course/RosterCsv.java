package threadmark.course;

import jakarta.ws.rs.BadRequestException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a class roster: a CSV with a header row naming at least {@code username}, and any of {@code email},
 * {@code sis_id}, {@code display_name}, {@code section}, {@code password} (case and spaces in names do not matter,
 * so a spreadsheet's "SIS ID" or "Display name" work too). Every problem is reported with its line, and a roster
 * with any problem is refused whole, so a half-enrolled course never happens.
 */
public final class RosterCsv {

    public static final int MAX_STUDENTS = 2000;

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("username", "username"), Map.entry("login", "username"),
            Map.entry("email", "email"), Map.entry("emailaddress", "email"),
            Map.entry("sisid", "sisId"), Map.entry("sisuserid", "sisId"), Map.entry("studentid", "sisId"),
            Map.entry("displayname", "displayName"), Map.entry("name", "displayName"),
            Map.entry("section", "section"), Map.entry("password", "password"));
    private static final Pattern USERNAME = Pattern.compile(StudentEntry.USERNAME);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** A roster that could not be read or enrolled (HTTP 400); {@code problems} name the lines. */
    public static final class InvalidRosterException extends BadRequestException {
        public final List<String> problems;

        public InvalidRosterException(List<String> problems) {
            super("nobody was enrolled: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }
    }

    private RosterCsv() {
    }

    /**
     * The roster's text in {@code charset}, UTF-8 if null. Bytes that do not decode become U+FFFD, which
     * {@link #parse} refuses naming the line, rather than an exception with no line.
     */
    public static String decode(byte[] bytes, String charset) {
        Charset decoding;
        try {
            decoding = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRosterException(List.of("unknown charset '" + charset + "': send UTF-8, or name a charset "
                    + "such as windows-1252 or ISO-8859-1"));
        }
        return bytes == null ? "" : new String(bytes, decoding);
    }

    public static List<StudentEntry> parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new InvalidRosterException(List.of("the roster is empty: send a CSV with a header row such as "
                    + "username,email,sis_id,display_name,section"));
        }
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        int notUtf8 = text.indexOf('\uFFFD');
        if (notUtf8 >= 0) {
            long line = text.substring(0, notUtf8).chars().filter(c -> c == '\n').count() + 1;
            throw new InvalidRosterException(List.of("line " + line + " is not UTF-8 text: save the roster as "
                    + "\"CSV UTF-8\", or name its encoding (Content-Type: text/csv; charset=windows-1252)"));
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<String> problems = new ArrayList<>();
        List<StudentEntry> entries = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, String> columns = columnsOf(parser.getHeaderNames(), problems);
            if (!problems.isEmpty()) {
                throw new InvalidRosterException(problems);
            }
            Set<String> usernames = new HashSet<>();
            Set<String> sisIds = new HashSet<>();
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                if (entries.size() >= MAX_STUDENTS) {
                    throw new InvalidRosterException(List.of("a roster holds at most " + MAX_STUDENTS + " students"));
                }
                StudentEntry entry = entryOf(row, columns).trimmed();
                problems.addAll(check(entry, "line " + line + ": ", usernames, sisIds));
                entries.add(entry);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidRosterException(List.of("the roster is not a readable CSV file: " + e.getMessage()));
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            problems.add("the roster has a header row but no students");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRosterException(problems);
        }
        return entries;
    }

    /** Header name as written → the entry field it fills. */
    private static Map<String, String> columnsOf(List<String> header, List<String> problems) {
        Map<String, String> columns = new HashMap<>();
        for (String name : header) {
            String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            String field = COLUMNS.get(key);
            if (field == null) {
                problems.add("line 1: unknown column '" + name + "' (known: username, email, sis_id, display_name, "
                        + "section, password)");
            } else if (columns.containsValue(field)) {
                problems.add("line 1: two columns give the " + field);
            } else {
                columns.put(name, field);
            }
        }
        if (!columns.containsValue("username")) {
            problems.add("line 1: the header must name a 'username' column");
        }
        return columns;
    }

    private static StudentEntry entryOf(CSVRecord row, Map<String, String> columns) {
        Map<String, String> values = new HashMap<>();
        columns.forEach((name, field) -> values.put(field, row.isSet(name) ? row.get(name) : null));
        return new StudentEntry(values.get("username"), values.get("email"), values.get("sisId"),
                values.get("displayName"), values.get("section"), values.get("password"));
    }

    /** What is wrong with one student typed in by hand. */
    public static List<String> check(StudentEntry entry) {
        return check(entry, "", new HashSet<>(), new HashSet<>());
    }

    private static List<String> check(StudentEntry e, String at, Set<String> usernames, Set<String> sisIds) {
        List<String> problems = new ArrayList<>();
        if (e.username() == null) {
            problems.add(at + "no username");
        } else if (!USERNAME.matcher(e.username()).matches() || e.username().length() > 100) {
            problems.add(at + "username '" + e.username() + "' may only hold letters, digits, . _ @ - (100 at most)");
        } else if (!usernames.add(e.username())) {
            problems.add(at + "username '" + e.username() + "' appears twice");
        }
        if (e.email() != null && !EMAIL.matcher(e.email()).matches()) {
            problems.add(at + "'" + e.email() + "' is not an email address");
        }
        if (e.sisId() != null && !sisIds.add(e.sisId())) {
            problems.add(at + "SIS id '" + e.sisId() + "' appears twice");
        }
        if (e.password() != null && e.password().length() < 8) {
            problems.add(at + "a password needs at least 8 characters");
        }
        return problems;
    }
}
