package threadmark.format;

import java.util.List;

/** An exercise folder that breaks the format, with every problem found. */
public class ExerciseFormatException extends RuntimeException {

    private final List<String> problems;

    public ExerciseFormatException(String slug, List<String> problems) {
        super("exercise '" + slug + "' is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
