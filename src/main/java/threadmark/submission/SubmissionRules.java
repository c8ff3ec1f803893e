package threadmark.submission;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import threadmark.format.ExerciseDefinition;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What a submission may contain; every breach is a 400 with a sentence saying what to change. */
final class SubmissionRules {

    private static final Pattern JAVA_FILE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,99}\\.java");

    private SubmissionRules() {
    }

    static void check(ExerciseDefinition exercise, Map<String, String> files, SubmissionsConfig limits) {
        if (files == null || files.isEmpty()) {
            throw new BadRequestException("the submission has no files; send {\"files\": {\"" + exercise.files().getFirst()
                    + "\": \"...source...\"}}");
        }
        if (files.size() > limits.maxFiles()) {
            throw new BadRequestException("at most " + limits.maxFiles() + " files per submission, got " + files.size());
        }
        long total = 0;
        List<String> testFiles = exercise.testClasses().stream().map(c -> c + ".java").toList();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            if (name == null || !JAVA_FILE.matcher(name).matches()) {
                throw new BadRequestException("file name '" + abbreviate(name) + "' is not allowed: use a plain Java file name "
                        + "such as Counter.java, with no folders");
            }
            if (testFiles.contains(name)) {
                throw new BadRequestException("file name '" + name + "' is reserved for the exercise's tests");
            }
            if (file.getValue() == null) {
                throw new BadRequestException("file '" + name + "' has no content");
            }
            if (file.getValue().indexOf('\0') >= 0) {
                throw new BadRequestException("file '" + name + "' contains a NUL character; send Java source text");
            }
            int loneSurrogate = loneSurrogateLine(file.getValue());
            if (loneSurrogate > 0) {
                throw new BadRequestException("file '" + name + "' is not valid Unicode text (a lone surrogate on line "
                        + loneSurrogate + ")");
            }
            total += file.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > limits.maxBytes()) {
            throw new ClientErrorException("the submission is " + kilobytes(total) + " KB; at most "
                    + kilobytes(limits.maxBytes()) + " KB are allowed. Remove unused code or large comments.",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        List<String> missing = exercise.files().stream().filter(f -> !files.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            throw new BadRequestException("the submission lacks " + String.join(", ", missing)
                    + "; this exercise expects " + String.join(", ", exercise.files()));
        }
    }

    private static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
    }

    /**
     * JSON can carry half of a surrogate pair, which UTF-8 cannot: stored, it would silently become '?'. Returns the
     * line of the first one, or 0.
     */
    private static int loneSurrogateLine(String text) {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return line;
            }
        }
        return 0;
    }

    /** Short enough for a message, with control characters (a NUL, a newline) shown as escapes. */
    private static String abbreviate(String name) {
        if (name == null) {
            return "";
        }
        String shown = name.length() > 60 ? name.substring(0, 60) + "…" : name;
        StringBuilder visible = new StringBuilder();
        shown.codePoints().forEach(c -> visible.append(Character.isISOControl(c)
                ? String.format(Locale.ROOT, "\\u%04x", c) : Character.toString(c)));
        return visible.toString();
    }
}
