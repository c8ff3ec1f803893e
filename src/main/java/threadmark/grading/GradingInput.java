package threadmark.grading;

import threadmark.format.ExerciseDefinition;

import java.util.Map;

/** What one grading needs: the exercise's definition and compiled tests, and the student's files. */
public record GradingInput(String runId, ExerciseDefinition exercise, Map<String, byte[]> testClasses,
                           Map<String, String> files) {
}
