package threadmark.grading;

import threadmark.format.ExerciseDefinition;
import threadmark.format.ExerciseFolder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an author needs to trust an exercise, gathered over one or more validation runs: for every known-bad, how often
 * each test it must fail caught it and in which trial (the margin, not just pass or fail), and warnings: a verdict that
 * changed between runs, a known-bad that also fails a test not listed for it, a test that used most of its time limit.
 */
public final class ValidationSummary {

    /** "(seen in trial 3: ...)" and "(trial 3)": where the check library says which trial showed the problem. */
    private static final Pattern TRIAL = Pattern.compile("\\((?:seen in )?trial (\\d+)[:)]");
    /** A test that takes more than this share of its time limit may hit it on a slower or busier machine. */
    private static final double SLOW_SHARE = 0.5;

    private final ExerciseFolder exercise;
    /** Per solution, per test, one outcome per run. */
    private final Map<String, Map<String, List<Outcome>>> outcomes = new LinkedHashMap<>();
    private final Map<String, Boolean> references = new LinkedHashMap<>();
    private int runs;

    /** One run's verdict on one test: status, the trial that showed the problem (0: none named), and its time. */
    public record Outcome(GradeReport.Status status, int trial, long millis) {
    }

    /** How a must-fail test of a known-bad fared over the runs that measured it. */
    public record Catch(String solution, String test, int caught, int measured, List<Integer> trials) {
        public boolean always() {
            return caught == measured && measured > 0;
        }

        @Override
        public String toString() {
            String where = trials.stream().allMatch(t -> t == 0) ? ""
                    : ", in trial " + String.join(", ", trials.stream().map(t -> t == 0 ? "-" : t.toString()).toList());
            return solution + " " + test + ": caught " + caught + "/" + measured + where;
        }
    }

    public ValidationSummary(ExerciseFolder exercise) {
        this.exercise = exercise;
    }

    /** Adds one validation run of the exercise. */
    public void add(List<ExerciseValidator.SolutionCheck> run) {
        runs++;
        for (ExerciseValidator.SolutionCheck check : run) {
            references.put(check.solution(), check.reference());
            Map<String, List<Outcome>> tests = outcomes.computeIfAbsent(check.solution(), k -> new LinkedHashMap<>());
            for (GradeReport.TestVerdict test : check.report().tests()) {
                tests.computeIfAbsent(test.id(), k -> new ArrayList<>())
                        .add(new Outcome(test.status(), trial(test.message()), test.durationMillis()));
            }
        }
    }

    public int runs() {
        return runs;
    }

    /** For every known-bad and every test it must fail: how often it was caught, and in which trial. */
    public List<Catch> catches() {
        List<Catch> catches = new ArrayList<>();
        for (ExerciseDefinition.KnownBad bad : exercise.definition().knownBad()) {
            Map<String, List<Outcome>> tests = outcomes.getOrDefault(bad.folder(), Map.of());
            for (String test : bad.mustFail()) {
                List<Outcome> seen = tests.getOrDefault(test, List.of()).stream()
                        .filter(o -> o.status() != GradeReport.Status.UNMEASURED).toList();
                List<Outcome> caught = seen.stream().filter(o -> o.status() != GradeReport.Status.PASSED).toList();
                catches.add(new Catch(bad.folder(), test, caught.size(), seen.size(),
                        caught.stream().map(Outcome::trial).toList()));
            }
        }
        return catches;
    }

    /** Things an author should look at, though the exercise may be valid. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>(changedVerdicts());
        for (ExerciseDefinition.KnownBad bad : exercise.definition().knownBad()) {
            Set<String> others = new LinkedHashSet<>();
            outcomes.getOrDefault(bad.folder(), Map.of()).forEach((test, seen) -> {
                if (!bad.mustFail().contains(test) && !bad.mayFail().contains(test) && seen.stream().anyMatch(o -> o.status() != GradeReport.Status.PASSED
                        && o.status() != GradeReport.Status.UNMEASURED)) {
                    others.add(test);
                }
            });
            if (!others.isEmpty()) {
                warnings.add("known-bad " + bad.folder() + " also fails " + String.join(", ", others)
                        + ", which its must-fail list does not name: is that the mistake it makes (then list it under"
                        + " may-fail), or another one?");
            }
        }
        long limitMillis = exercise.definition().limits().testTimeoutSeconds() * 1000L;
        Map<String, Long> slowest = new LinkedHashMap<>();
        outcomes.forEach((solution, tests) -> {
            if (references.getOrDefault(solution, false)) {
                tests.forEach((test, seen) -> seen.forEach(o -> slowest.merge(test, o.millis(), Math::max)));
            }
        });
        slowest.forEach((test, millis) -> {
            if (millis > limitMillis * SLOW_SHARE) {
                warnings.add(String.format("%s took %.1f s of its %d s limit with a reference solution: on a slower or "
                        + "busier machine it may time out", test, millis / 1000.0, limitMillis / 1000));
            }
        });
        return warnings;
    }

    /** Tests whose verdict on a solution differed between runs that measured it: a flaky grader. */
    public List<String> changedVerdicts() {
        List<String> changed = new ArrayList<>();
        outcomes.forEach((solution, tests) -> tests.forEach((test, seen) -> {
            List<String> statuses = seen.stream().map(o -> o.status() == GradeReport.Status.UNMEASURED ? "-"
                    : o.status().name()).toList();
            if (statuses.stream().filter(s -> !s.equals("-")).distinct().count() > 1) {
                changed.add("the verdict of " + test + " on " + solution + " changed between runs: "
                        + String.join(" / ", statuses) + " (- = not measured)");
            }
        }));
        return changed;
    }

    private static int trial(String message) {
        if (message == null) {
            return 0;
        }
        Matcher matcher = TRIAL.matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
