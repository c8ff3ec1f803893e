package threadmark.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A prompt may show its own points table (a Markdown table with a "points" or "баллы" column); the page also
 * renders one from exercise.yaml, so the two must agree: one row per test in the yaml's order, the same points,
 * the same total, and the same property text (prompt.md the yaml's {@code property}, prompt.ru.md its
 * {@code property-ru}).
 */
final class PointsTableCheck {

    private static final Set<String> POINTS_HEADERS = Set.of("points", "баллы", "балл", "очки");
    private static final Set<String> TOTAL_LABELS = Set.of("total", "итого", "всего");

    private PointsTableCheck() {
    }

    static List<String> problems(String file, String markdown, ExerciseDefinition d, boolean sameLanguageAsYaml) {
        List<String> problems = new ArrayList<>();
        if (markdown == null) {
            return problems;
        }
        for (List<List<String>> table : tables(markdown)) {
            int pointsColumn = table.getFirst().indexOf(
                    table.getFirst().stream().filter(h -> POINTS_HEADERS.contains(h.toLowerCase(Locale.ROOT)))
                            .findFirst().orElse(null));
            if (pointsColumn < 0) {
                continue;
            }
            int labelColumn = pointsColumn == 0 ? 1 : 0;
            List<List<String>> rows = new ArrayList<>();
            Double total = null;
            for (List<String> row : table.subList(Math.min(2, table.size()), table.size())) {
                String label = cell(row, labelColumn).replace("*", "").strip().toLowerCase(Locale.ROOT);
                if (TOTAL_LABELS.contains(label)) {
                    total = number(cell(row, pointsColumn));
                } else {
                    rows.add(row);
                }
            }
            if (rows.size() != d.tests().size()) {
                problems.add(file + ": the points table has " + rows.size() + " rows, but exercise.yaml lists "
                        + d.tests().size() + " tests (one row per test, in the yaml's order)");
            }
            for (int i = 0; i < Math.min(rows.size(), d.tests().size()); i++) {
                ExerciseDefinition.TestSpec test = d.tests().get(i);
                String label = cell(rows.get(i), labelColumn);
                Double points = number(cell(rows.get(i), pointsColumn));
                if (points == null || points.doubleValue() != test.points()) {
                    problems.add(file + ": points table row " + (i + 1) + " ('" + label + "') gives "
                            + cell(rows.get(i), pointsColumn) + " points, but exercise.yaml gives test " + test.id()
                            + " " + format(test.points()));
                }
                String property = sameLanguageAsYaml ? test.property() : test.propertyRu();
                if (property != null && !normalized(label).equals(normalized(property))) {
                    problems.add(file + ": points table row " + (i + 1) + " reads '" + label
                            + "', but exercise.yaml's " + (sameLanguageAsYaml ? "property" : "property-ru") + " of test "
                            + test.id() + " is '" + property + "'");
                }
            }
            if (total != null && total.doubleValue() != d.maxScore()) {
                problems.add(file + ": the points table's total is " + format(total) + ", but the tests in exercise.yaml"
                        + " are worth " + format(d.maxScore()));
            }
        }
        return problems;
    }

    /** Each table as rows of trimmed cells, the header first; Markdown tables are runs of lines starting with '|'. */
    private static List<List<List<String>>> tables(String markdown) {
        List<List<List<String>>> tables = new ArrayList<>();
        List<List<String>> current = null;
        boolean inCode = false;
        for (String line : markdown.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                inCode = !inCode;
            }
            if (!inCode && trimmed.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                String inner = trimmed.substring(1, trimmed.endsWith("|") && trimmed.length() > 1
                        ? trimmed.length() - 1 : trimmed.length());
                current.add(Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList());
            } else {
                current = null;
            }
        }
        return tables;
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column) : "";
    }

    private static Double number(String cell) {
        try {
            return Double.parseDouble(cell.replace("*", "").strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String normalized(String text) {
        return text.replace("*", "").replaceAll("\\s+", " ").strip();
    }

    private static String format(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.valueOf(points);
    }
}
