package threadmark.format;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An exercise's {@code exercise.yaml}: what students submit, the tests and their points, limits, solutions, and the
 * Russian of the feedback its tests write ({@code feedback-ru}, see {@link FeedbackTranslator}).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ExerciseDefinition(
        String title,
        Integer order,
        List<String> topics,
        List<String> topicsRu,
        List<String> files,
        Limits limits,
        Jit jit,
        List<TestSpec> tests,
        List<String> references,
        List<KnownBad> knownBad,
        List<Promise> promises,
        List<FeedbackTranslation> feedbackRu) {

    public ExerciseDefinition {
        order = order == null ? 1000 : order;
        topics = topics == null ? List.of() : List.copyOf(topics);
        topicsRu = topicsRu == null ? List.of() : List.copyOf(topicsRu);
        files = files == null ? List.of() : List.copyOf(files);
        limits = limits == null ? Limits.DEFAULT : limits;
        jit = jit == null ? Jit.QUICK : jit;
        tests = tests == null ? List.of() : List.copyOf(tests);
        references = references == null ? List.of("reference") : List.copyOf(references);
        knownBad = knownBad == null ? List.of() : List.copyOf(knownBad);
        promises = promises == null ? List.of() : List.copyOf(promises);
        feedbackRu = feedbackRu == null ? List.of() : List.copyOf(feedbackRu);
    }

    /** The topics in the reader's language: Russian where the yaml gives them ({@code topics-ru}), else English. */
    public List<String> topics(Locale locale) {
        return "ru".equals(locale.getLanguage()) && !topicsRu.isEmpty() ? topicsRu : topics;
    }

    /**
     * QUICK (C1 only, serial GC) starts fast and makes races show up far more often under stress; FULL is
     * the normal tiered JIT, which speedup measurements need.
     */
    public enum Jit { QUICK, FULL }

    /** Resources of one grading run. */
    public record Limits(Integer memoryMb, Double cpus, Integer timeSeconds, Integer testTimeoutSeconds,
                         Boolean exclusiveCpus) {
        static final Limits DEFAULT = new Limits(null, null, null, null, null);

        public Limits {
            memoryMb = memoryMb == null ? 512 : memoryMb;
            cpus = cpus == null ? 1.0 : cpus;
            timeSeconds = timeSeconds == null ? 60 : timeSeconds;
            testTimeoutSeconds = testTimeoutSeconds == null ? 20 : testTimeoutSeconds;
            exclusiveCpus = exclusiveCpus != null && exclusiveCpus;
        }
    }

    /**
     * A test method by id ({@code Class#method}) with its points and the property it checks, in English and (where the
     * folder has a Russian prompt) in Russian; visible tests are shown to students in full.
     */
    public record TestSpec(String id, Double points, Boolean visible, String property, String propertyRu) {
        public TestSpec {
            points = points == null ? 1.0 : points;
            visible = visible != null && visible;
        }

        /** The property in the reader's language: Russian where there is a Russian one, else English. */
        public String property(Locale locale) {
            return "ru".equals(locale.getLanguage()) && propertyRu != null ? propertyRu : property;
        }

        public String className() {
            return id.substring(0, id.indexOf('#'));
        }

        public String methodName() {
            return id.substring(id.indexOf('#') + 1);
        }
    }

    /** A wrong solution kept with the exercise, the mistake it makes, and the tests it must fail. */
    /**
     * A wrong solution, the tests it must fail in every run, and the tests it may also fail because its mistake shows
     * there too (a deadlock hangs every test that transfers): those are not warned about.
     */
    public record KnownBad(String folder, String mistake, List<String> mustFail, List<String> mayFail) {
        public KnownBad {
            mustFail = mustFail == null ? List.of() : List.copyOf(mustFail);
            mayFail = mayFail == null ? List.of() : List.copyOf(mayFail);
        }
    }

    /**
     * A property the prompt promises, the tests that check it, and the known-bad solutions that break only it
     * (and so prove those tests catch it).
     */
    public record Promise(String promise, List<String> tests, List<String> knownBad) {
        public Promise {
            tests = tests == null ? List.of() : List.copyOf(tests);
            knownBad = knownBad == null ? List.of() : List.copyOf(knownBad);
        }
    }

    public double maxScore() {
        return tests.stream().mapToDouble(TestSpec::points).sum();
    }

    /** Top-level test classes, in the order their tests are listed. */
    public List<String> testClasses() {
        Set<String> classes = new LinkedHashSet<>();
        tests.forEach(t -> classes.add(t.className()));
        return new ArrayList<>(classes);
    }
}
