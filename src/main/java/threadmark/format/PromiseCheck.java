package threadmark.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the {@code promises:} of an exercise.yaml: every promise is checked by a listed test and proven by a
 * known-bad solution that must fail one of those tests, and every test earning points belongs to a promise.
 */
final class PromiseCheck {

    private PromiseCheck() {
    }

    static List<String> problems(ExerciseDefinition d) {
        List<String> problems = new ArrayList<>();
        if (d.promises().isEmpty()) {
            return problems;
        }
        Set<String> testIds = d.tests().stream().map(ExerciseDefinition.TestSpec::id).collect(Collectors.toSet());
        for (ExerciseDefinition.Promise promise : d.promises()) {
            String name = promise.promise() == null || promise.promise().isBlank()
                    ? "#" + (d.promises().indexOf(promise) + 1) : "'" + promise.promise() + "'";
            if (promise.promise() == null || promise.promise().isBlank()) {
                problems.add(where(name) + "needs a 'promise' quoting what the prompt promises");
            }
            if (promise.tests().isEmpty()) {
                problems.add(where(name) + "must name the tests that check it in 'tests'");
            }
            promise.tests().stream().filter(id -> !testIds.contains(id))
                    .forEach(id -> problems.add(where(name) + "names test " + id + ", which is not in 'tests'"));
            if (promise.knownBad().isEmpty()) {
                problems.add(where(name) + "must name in 'known-bad' a known-bad solution that breaks it");
            }
            for (String folder : promise.knownBad()) {
                ExerciseDefinition.KnownBad bad = d.knownBad().stream()
                        .filter(b -> folder.equals(b.folder())).findFirst().orElse(null);
                if (bad == null) {
                    problems.add(where(name) + "names known-bad solutions/" + folder
                            + "/, which is not listed under 'known-bad'");
                } else if (bad.mustFail().stream().noneMatch(promise.tests()::contains)) {
                    problems.add(where(name) + "names known-bad solutions/" + folder + "/, whose 'must-fail' "
                            + bad.mustFail() + " includes none of the promise's tests " + promise.tests());
                }
            }
        }
        Set<String> promised = d.promises().stream().flatMap(p -> p.tests().stream()).collect(Collectors.toSet());
        d.tests().stream().map(ExerciseDefinition.TestSpec::id).filter(id -> id != null && !promised.contains(id))
                .forEach(id -> problems.add(ExerciseFolderReader.CONFIG + ": test " + id
                        + " earns points but belongs to no promise in 'promises'"));
        return problems;
    }

    private static String where(String promise) {
        return ExerciseFolderReader.CONFIG + ": promise " + promise + " ";
    }
}
