package threadmark.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The points of a small SVG line of a student's scores over their submissions, oldest first (240 × 60 box). */
final class ScoreChart {

    private ScoreChart() {
    }

    static String points(List<ExercisePage.HistoryRow> newestFirst, double maxScore) {
        List<Double> scores = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            if (newestFirst.get(i).score() != null) {
                scores.add(newestFirst.get(i).score());
            }
        }
        if (scores.size() < 2 || maxScore <= 0) {
            return "";
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < scores.size(); i++) {
            double x = 4 + 232.0 * i / (scores.size() - 1);
            double y = 56 - 52 * Math.min(1, scores.get(i) / maxScore);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return points.toString().trim();
    }
}
