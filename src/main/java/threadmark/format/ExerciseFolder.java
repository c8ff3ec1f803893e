package threadmark.format;

import java.util.Map;
import java.util.TreeMap;

/** An exercise folder as read from disk and checked; solutions are keyed by folder name; {@code promptRu} may be null. */
public record ExerciseFolder(
        String slug,
        ExerciseDefinition definition,
        String prompt,
        String promptRu,
        Map<String, String> starterFiles,
        Map<String, String> testSources,
        Map<String, Map<String, String>> solutions,
        String contentHash,
        Map<String, byte[]> files) {

    /** Sources of the other test classes: students read them only where an assignment reveals them after it ends. */
    public Map<String, String> hiddenTestSources() {
        Map<String, String> hidden = new TreeMap<>(testSources);
        hidden.keySet().removeAll(visibleTestSources().keySet());
        return hidden;
    }

    /** Sources of test classes whose every test is visible: students may read these in full. */
    public Map<String, String> visibleTestSources() {
        Map<String, String> visible = new TreeMap<>();
        testSources.forEach((file, source) -> {
            String className = file.substring(0, file.length() - ".java".length());
            var tests = definition.tests().stream().filter(t -> t.className().equals(className)).toList();
            if (!tests.isEmpty() && tests.stream().allMatch(ExerciseDefinition.TestSpec::visible)) {
                visible.put(file, source);
            }
        });
        return visible;
    }
}
