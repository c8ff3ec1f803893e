package threadmark.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body Jackson could not read, in JSON's terms rather than Java's: the field and
 * what it should hold ("role: expected one of STUDENT, INSTRUCTOR, ADMIN"), or where the JSON stops being JSON.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static String of(JsonProcessingException e) {
        // Jackson wraps a parse error met inside a field in a mapping error that names the field.
        JsonProcessingException cause = e.getCause() instanceof JsonProcessingException inner
                && !(inner instanceof DatabindException) && !(inner instanceof InputCoercionException) ? inner : null;
        if (e instanceof DatabindException mapping && cause == null) {
            return unfit(mapping);
        }
        return unparsable(cause != null ? cause : e);
    }

    private static String unparsable(JsonProcessingException e) {
        String why = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        why = why.replaceAll("\\s*\\(start marker at \\[Source:.*?]\\)", "").replaceAll("\\s*\\[Source:.*?]", "")
                .replaceAll(", from `[^`]*`", "");
        int newline = why.indexOf('\n');
        why = abbreviate(newline < 0 ? why : why.substring(0, newline), 200);
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "the request body is not valid JSON: " + why + where;
    }

    private static String unfit(DatabindException e) {
        List<JsonMappingException.Reference> path = e instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
        String field = path.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (field.isEmpty()) {
            return why.startsWith("No content to map") ? "the request body is empty: send a JSON object"
                    : "the request body must be a JSON object" + received(why);
        }
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : e.getCause() instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
        String got = e instanceof InvalidFormatException format && format.getValue() != null
                ? ", got " + (format.getValue() instanceof String text ? "\"" + abbreviate(text, 60) + "\"" : format.getValue())
                : "";
        return field + ": expected " + expected(type) + got;
    }

    /** What came instead of an object, from Jackson's message: its parser has moved on by now. */
    private static String received(String message) {
        String why = message.toLowerCase(Locale.ROOT);
        if (why.contains("from array value")) {
            return ", not an array";
        }
        if (why.contains("from string value")) {
            return ", not a string";
        }
        if (why.contains("from number value") || why.contains("from integer value")
                || why.contains("from floating-point value")) {
            return ", not a number";
        }
        if (why.contains("from boolean value")) {
            return ", not true or false";
        }
        return "";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date and time such as 2030-01-31T23:59:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "a value of another type";
    }

    /** Jackson quotes up to 256 characters of a bad token; a message needs fewer. */
    private static String abbreviate(String text, int length) {
        return text.length() > length ? text.substring(0, length) + "…" : text;
    }
}
