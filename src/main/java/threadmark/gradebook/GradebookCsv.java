package threadmark.gradebook;

import jakarta.ws.rs.BadRequestException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a gradebook as CSV, in the layouts LMS gradebook imports read. Cells are points after the late policy;
 * a blank cell means nothing counts yet (both LMSs leave a blank grade unchanged rather than writing a zero).
 */
public final class GradebookCsv {

    /** The layouts an LMS can import; {@code DETAILED} is one line per submission, for the instructor. */
    public enum Layout {
        CANVAS, MOODLE, DETAILED;

        public static Layout parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("unknown layout '" + name + "': use canvas, moodle or detailed");
            }
        }
    }

    private GradebookCsv() {
    }

    public static String write(Gradebook book, Layout layout) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            switch (layout) {
                case CANVAS -> canvas(book, csv);
                case MOODLE -> moodle(book, csv);
                case DETAILED -> detailed(book, csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Canvas "Import grades in the Gradebook" (community.canvaslms.com, Instructor Guide): the first columns are
     * {@code Student, ID, SIS User ID, SIS Login ID, Section}, in that order, then one column per assignment. A header
     * {@code <Title> (<canvas assignment id>)} updates that assignment; any other header creates a new one. Canvas
     * matches a row by ID, then SIS User ID, then SIS Login ID: Threadmark has no Canvas user id, so ID stays blank
     * and the SIS ids identify the student. The total is named "Final Points", one of the columns Canvas computes
     * itself and ignores on import, so it can never become a bogus assignment.
     */
    private static void canvas(Gradebook book, CSVPrinter csv) throws IOException {
        List<String> header = new ArrayList<>(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section"));
        book.columns().forEach(c -> header.add(text(c.lmsId() == null ? c.title() : c.title() + " (" + c.lmsId() + ")")));
        header.add("Final Points");
        csv.printRecord(header);
        for (Gradebook.StudentRow row : book.students()) {
            List<String> cells = new ArrayList<>(List.of(text(row.name()), "", text(row.sisId()), text(row.username()),
                    text(row.section())));
            row.points().forEach(p -> cells.add(GradebookService.format(p)));
            cells.add(GradebookService.format(row.total()));
            csv.printRecord(cells);
        }
    }

    /**
     * Moodle "Grade import" (docs.moodle.org/en/Grade_import): one row per user, identified by a column the teacher
     * maps to email address, ID number or username (emails are compared case-sensitively, so they are written exactly
     * as stored); each grade column is mapped to a grade item during the import. "Total" is for reading: map it to
     * nothing, since Moodle computes its own course total.
     */
    private static void moodle(Gradebook book, CSVPrinter csv) throws IOException {
        List<String> header = new ArrayList<>(List.of("Email address", "ID number", "Username", "Full name", "Group"));
        book.columns().forEach(c -> header.add(text(c.title())));
        header.add("Total");
        csv.printRecord(header);
        for (Gradebook.StudentRow row : book.students()) {
            List<String> cells = new ArrayList<>(List.of(text(row.email()), text(row.sisId()), text(row.username()),
                    text(row.name()), text(row.section())));
            row.points().forEach(p -> cells.add(GradebookService.format(p)));
            cells.add(GradebookService.format(row.total()));
            csv.printRecord(cells);
        }
    }

    private static void detailed(Gradebook book, CSVPrinter csv) throws IOException {
        csv.printRecord("Course", "Username", "Name", "Email", "SIS User ID", "Section", "Exercise", "Exercise version",
                "Submission", "Submitted at", "Status", "Score", "Max score", "Graded against version", "Days late",
                "Late penalty %", "Points", "Counted", "Note", "Earlier scores");
        for (Gradebook.SubmissionLine l : book.submissions()) {
            csv.printRecord(text(book.course()), text(l.username()), text(l.name()), text(l.email()), text(l.sisId()),
                    text(l.section()), text(l.exercise()), l.exerciseVersion(), l.submission(), l.submittedAt().toString(),
                    l.status(), GradebookService.format(l.score()), GradebookService.format(l.maxScore()),
                    l.gradedVersion() == null ? "" : l.gradedVersion(), l.daysLate(),
                    GradebookService.format(l.penaltyPercent()), GradebookService.format(l.points()),
                    l.counted() ? "yes" : "no", text(l.note()), l.earlierScores());
        }
    }

    /**
     * Every cell of text that came from people or an LMS (names, sections, emails, ids, usernames, titles, notes)
     * gets a leading quote when it starts like a formula, so a spreadsheet that opens the file shows "=HYPERLINK(...)"
     * instead of running it (OWASP "CSV injection"). Ordinary values are written exactly as stored: Moodle matches
     * emails case-sensitively, character for character. Numbers the gradebook computes are not text.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
