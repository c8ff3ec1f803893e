package threadmark.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code exercise.yaml} and says what is wrong with it the way an author can act on: every problem at once, each
 * with its line and column, in the format's own words ("unknown key 'proprety' in a test: did you mean
 * 'property'?"), never a parser's class names.
 */
final class ExerciseYaml {

    private static final String FILE = ExerciseFolderReader.CONFIG;

    /** Where each part of the format sits, in the words of exercises/README.md. */
    private static final Map<Class<?>, String> PLACES = Map.of(
            ExerciseDefinition.class, "at the top level",
            ExerciseDefinition.TestSpec.class, "in a test (under 'tests')",
            ExerciseDefinition.Limits.class, "under 'limits'",
            ExerciseDefinition.KnownBad.class, "in a known-bad solution (under 'known-bad')",
            ExerciseDefinition.Promise.class, "in a promise (under 'promises')",
            FeedbackTranslation.class, "in a translation (under 'feedback-ru')");

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ExerciseYaml() {
    }

    /** The definition, or null when it cannot be read at all; what is wrong is added to {@code problems}. */
    static ExerciseDefinition parse(byte[] yaml, List<String> problems) {
        List<Located> found = new ArrayList<>();
        try {
            ExerciseDefinition definition = YAML.readerFor(ExerciseDefinition.class)
                    .withHandler(new Collector(found, keyLocations(yaml))).readValue(yaml);
            if (definition == null) {
                found.add(new Located(null, "the file is empty; start from an exercise of exercises/"));
            }
            return definition;
        } catch (JsonProcessingException e) {
            found.add(new Located(e.getLocation(), sentence(e)));
            return null;
        } catch (IOException e) {
            found.add(new Located(null, "cannot be read: " + e.getMessage()));
            return null;
        } finally {
            found.stream().sorted(Comparator.comparingLong(Located::line)).map(Located::toString)
                    .forEach(problems::add);
        }
    }

    /** A problem at a place in the file (null: the file as a whole). */
    private record Located(JsonLocation location, String problem) {
        long line() {
            return location == null ? 0 : location.getLineNr();
        }

        @Override
        public String toString() {
            return location == null || location.getLineNr() < 1 ? FILE + ": " + problem
                    : FILE + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": " + problem;
        }
    }

    /**
     * Where each key stands, in file order. Records are built from buffered values, so when an unknown key is
     * reported the parser no longer knows where it was: it is looked up here by name.
     */
    private static Map<String, Deque<JsonLocation>> keyLocations(byte[] yaml) {
        Map<String, Deque<JsonLocation>> keys = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    keys.computeIfAbsent(parser.currentName(), k -> new ArrayDeque<>())
                            .add(parser.currentTokenLocation());
                }
            }
        } catch (IOException e) {
            // The parse proper reports it, with its place.
        }
        return keys;
    }

    /** Records each problem and lets parsing go on, so that an author sees them all at once. */
    private static final class Collector extends DeserializationProblemHandler {
        private final List<Located> found;
        private final Map<String, Deque<JsonLocation>> keys;

        Collector(List<Located> found, Map<String, Deque<JsonLocation>> keys) {
            this.found = found;
            this.keys = keys;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass, String name)
                throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            Collection<Object> known = deserializer.getKnownPropertyNames();
            List<String> names = known == null ? List.of() : known.stream().map(String::valueOf).sorted().toList();
            String suggestion = closest(name, names).map(n -> ": did you mean '" + n + "'?")
                    .orElse(names.isEmpty() ? "" : " (known here: " + String.join(", ", names) + ")");
            Deque<JsonLocation> places = keys.get(name);
            found.add(new Located(places == null ? null : places.poll(), "unknown key '" + name + "' "
                    + PLACES.getOrDefault(type, "here") + suggestion));
            parser.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext context, Class<?> target, String value,
                                             String failure) throws IOException {
            found.add(new Located(context.getParser().currentTokenLocation(), key(context) + " must be "
                    + expected(target) + ", not '" + value + "'"));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext context, Class<?> target, Number value,
                                             String failure) throws IOException {
            found.add(new Located(context.getParser().currentTokenLocation(), key(context) + " must be "
                    + expected(target) + ", not " + value));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext context, JavaType target, JsonToken token,
                                            JsonParser parser, String failure) throws IOException {
            found.add(new Located(parser.currentTokenLocation(), key(context) + " must be " + expected(target)
                    + ", not " + shape(token)));
            parser.skipChildren();
            return null;
        }
    }

    private static String key(DeserializationContext context) throws IOException {
        String name = context.getParser().currentName();
        return name == null ? "this value" : "'" + name + "'";
    }

    private static String expected(JavaType type) {
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "a list (one '- ' item per line)";
        }
        if (type.isMapLikeType() || PLACES.containsKey(type.getRawClass())) {
            return "a mapping of keys to values";
        }
        return expected(type.getRawClass());
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase())
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "a text";
        }
        return "a value of another kind";
    }

    private static String shape(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_STRING -> "a text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "nothing";
            default -> "this";
        };
    }

    /** A parser's own first line, less its location (already given) and its class names. */
    private static String sentence(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        message = message.replaceAll("\\s*\\(class [^)]*\\)", "").replaceAll("`[a-zA-Z0-9_.$]+`", "this value")
                .replaceAll(" in 'reader'.*", "").strip();
        return message.isEmpty() ? "cannot be parsed as YAML" : "cannot be parsed as YAML: " + message;
    }

    /** A known name a typo away: at most two edits, or one a third as long as the name. */
    static Optional<String> closest(String name, List<String> known) {
        return known.stream()
                .map(k -> Map.entry(k, distance(name.toLowerCase(), k.toLowerCase())))
                .filter(e -> e.getValue() <= Math.max(2, e.getKey().length() / 3))
                .min(Comparator.comparingInt(Map.Entry<String, Integer>::getValue).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
