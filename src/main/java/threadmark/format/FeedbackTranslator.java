package threadmark.format;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Russian for the feedback tests write in English. Tests and the check library keep writing English (their code, and
 * so their verdicts, stay as they are); a reader whose interface is Russian gets each line of a message matched
 * against templates: first the exercise's own ({@code feedback-ru} in its {@code exercise.yaml}), then those of the
 * check library, the harness and JUnit ({@code feedback-ru.yaml} beside this class). A template's placeholders match
 * any text, which is itself translated when a template matches it whole (so "{problem} (seen in trial {trial}: {what}
 * ...)" puts the exercise's Russian inside the library's); a line no template matches stays English.
 */
public final class FeedbackTranslator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    /** "AssertionFailedError: message", as the harness heads a failure: the type stays, the message is translated. */
    private static final Pattern HEADLINE = Pattern.compile("([A-Za-z_$][\\w$.]*(?:Error|Exception|Failure)): (.*)");
    private static final Pattern HEADLINE_ACROSS_LINES = Pattern.compile(HEADLINE.pattern(), Pattern.DOTALL);
    /** Lines that are code, not words: stack frames, and the harness's marker of a cut message. */
    private static final Pattern NEUTRAL = Pattern.compile("\\s*(at \\S+\\(.*\\)|\\.\\.\\.|)\\s*");
    private static final int MAX_DEPTH = 4;
    /** Three words in a row: a value that reads as English prose rather than a name, a number or code. */
    private static final Pattern ENGLISH_PHRASE = Pattern.compile("\\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\\b");
    /** The line the harness puts after a message it cut at its length limit. */
    private static final String TRUNCATED = "[... truncated]";
    private static final List<Template> LIBRARY = load();
    /**
     * Translators by their exercise's entries: a submission list or a result page asks for one per submission, and
     * compiling an exercise's templates costs more than translating its messages. A few dozen exercise versions
     * exist; the bound only guards against a leak.
     */
    private static final Map<List<FeedbackTranslation>, FeedbackTranslator> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 512;

    private final List<Template> templates;

    private FeedbackTranslator(List<Template> templates) {
        this.templates = templates;
    }

    /** The exercise's templates before the library's; each group tries its longest (most specific) templates first. */
    public static FeedbackTranslator russian(List<FeedbackTranslation> exercise) {
        if (CACHE.size() > MAX_CACHED) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(List.copyOf(exercise), translations -> {
            List<Template> all = new ArrayList<>(compile(translations));
            all.addAll(LIBRARY);
            return new FeedbackTranslator(List.copyOf(all));
        });
    }

    /** The message in Russian, and the lines of it that stayed English. */
    public record Result(String text, List<String> untranslated) {
        public boolean complete() {
            return untranslated.isEmpty();
        }
    }

    public Result translate(String english) {
        if (english == null) {
            return new Result(null, List.of());
        }
        List<String> untranslated = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        String[] englishLines = english.split("\n", -1);
        for (int i = 0; i < englishLines.length; i++) {
            List<String> missing = new ArrayList<>();
            lines.add(line(englishLines[i], missing));
            // The harness cuts a long message mid-line: what is left of that line can match no template.
            boolean cut = i + 1 < englishLines.length && englishLines[i + 1].equals(TRUNCATED);
            if (!cut) {
                untranslated.addAll(missing);
            }
        }
        if (!untranslated.isEmpty() && englishLines.length > 1) {
            // A value may span lines (JUnit's "expected: <two\nlines> but was: <...>"): then the message as a whole.
            List<String> prose = new ArrayList<>();
            String whole = translated(english, 0, prose, true);
            if (whole != null && prose.isEmpty()) {
                return new Result(whole, List.of());
            }
        }
        return new Result(String.join("\n", lines), List.copyOf(untranslated));
    }

    private String line(String line, List<String> untranslated) {
        if (NEUTRAL.matcher(line).matches()) {
            return line;
        }
        int start = 0;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        List<String> prose = new ArrayList<>();
        String translated = translated(line.substring(start), 0, prose, false);
        if (translated == null) {
            untranslated.add(line);
            return line;
        }
        prose.forEach(value -> untranslated.add(line + "  [stayed English: \"" + value + "\"]"));
        return line.substring(0, start) + translated;
    }

    /**
     * "Type: message" with its message translated, else the text translated whole; null if neither. With
     * {@code acrossLines}, placeholders also match line breaks.
     */
    private String translated(String text, int depth, List<String> prose, boolean acrossLines) {
        Matcher headline = (acrossLines ? HEADLINE_ACROSS_LINES : HEADLINE).matcher(text);
        if (headline.matches()) {
            String message = whole(headline.group(2), depth, prose, acrossLines);
            if (message != null) {
                return headline.group(1) + ": " + message;
            }
        }
        return whole(text, depth, prose, acrossLines);
    }

    /**
     * The text translated by the first template that matches all of it, or null if none does. A placeholder's value
     * is translated in turn; one that stays English and reads as words (a phrase, not a name or a number) lands in
     * {@code prose}, so that a check can tell the message is not wholly Russian.
     */
    private String whole(String text, int depth, List<String> prose, boolean acrossLines) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        for (Template template : templates) {
            Matcher m = (acrossLines ? template.englishAcrossLines() : template.english()).matcher(text);
            if (!m.matches()) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            Matcher slot = PLACEHOLDER.matcher(template.russian());
            int last = 0;
            while (slot.find()) {
                String value = m.group(template.names().indexOf(slot.group(1)) + 1);
                String inner = translated(value, depth + 1, prose, acrossLines);
                if (inner == null && ENGLISH_PHRASE.matcher(value).find()) {
                    prose.add(value);
                }
                out.append(template.russian(), last, slot.start()).append(inner == null ? value : inner);
                last = slot.end();
            }
            return out.append(template.russian().substring(last)).toString();
        }
        return null;
    }

    /**
     * What is wrong with an exercise's translations, one sentence each: an empty side, a placeholder used twice in the
     * English, placeholders that differ between the two languages, a template that is all placeholder.
     */
    public static List<String> problems(List<FeedbackTranslation> translations) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < translations.size(); i++) {
            FeedbackTranslation t = translations.get(i);
            String where = "exercise.yaml: feedback-ru entry " + (i + 1);
            if (t == null || t.en() == null || t.en().isBlank() || t.ru() == null || t.ru().isBlank()) {
                problems.add(where + " needs both 'en' and 'ru'");
                continue;
            }
            if (t.en().contains("\n") || t.ru().contains("\n")) {
                problems.add(where + " spans lines: give each line of a message its own entry");
            }
            List<String> english = placeholders(t.en());
            Set<String> once = new LinkedHashSet<>(english);
            if (once.size() < english.size()) {
                problems.add(where + " uses a placeholder twice in 'en': name each one differently");
            }
            Set<String> russian = new LinkedHashSet<>(placeholders(t.ru()));
            if (!once.equals(russian)) {
                problems.add(where + " has placeholders " + once + " in 'en' but " + russian + " in 'ru'");
            }
            if (PLACEHOLDER.matcher(t.en()).replaceAll("").isBlank()) {
                problems.add(where + " is only placeholders: it would match any message");
            }
        }
        return problems;
    }

    private static List<String> placeholders(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private record Template(Pattern english, Pattern englishAcrossLines, List<String> names, String russian,
                            int literalLength) {
    }

    private static List<Template> compile(List<FeedbackTranslation> translations) {
        List<String> problems = problems(translations);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        List<Template> templates = new ArrayList<>();
        for (FeedbackTranslation t : translations) {
            StringBuilder regex = new StringBuilder();
            List<String> names = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(t.en());
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(t.en().substring(last, m.start()))).append("(.+?)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(t.en().substring(last)));
            int literal = PLACEHOLDER.matcher(t.en()).replaceAll("").length();
            templates.add(new Template(Pattern.compile(regex.toString()),
                    Pattern.compile(regex.toString(), Pattern.DOTALL), List.copyOf(names), t.ru(), literal));
        }
        templates.sort(Comparator.comparingInt(Template::literalLength).reversed());
        return templates;
    }

    private static List<Template> load() {
        try (InputStream in = FeedbackTranslator.class.getResourceAsStream("feedback-ru.yaml")) {
            if (in == null) {
                throw new IllegalStateException("feedback-ru.yaml is missing beside FeedbackTranslator");
            }
            List<FeedbackTranslation> library = new ObjectMapper(new YAMLFactory())
                    .readValue(in, new TypeReference<List<FeedbackTranslation>>() { });
            return compile(library);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
