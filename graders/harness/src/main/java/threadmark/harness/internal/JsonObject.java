package threadmark.harness.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object written by hand, keys in insertion order; enough for the result events. It keeps its values, so it
 * can be rendered again with every string shortened when the whole would be too long for one result line.
 */
public final class JsonObject {
    static final String TRUNCATED = "[... truncated]";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Map<String, Object> values = new LinkedHashMap<>();

    public JsonObject put(String key, String value) {
        values.put(key, value);
        return this;
    }

    public JsonObject put(String key, long value) {
        values.put(key, value);
        return this;
    }

    public JsonObject put(String key, boolean value) {
        values.put(key, value);
        return this;
    }

    /** A number that may be unknown, written as {@code null}. */
    public JsonObject putNullable(String key, Long value) {
        values.put(key, value);
        return this;
    }

    public JsonObject put(String key, List<JsonObject> values) {
        this.values.put(key, List.copyOf(values));
        return this;
    }

    @Override
    public String toString() {
        return toString(Integer.MAX_VALUE);
    }

    /** The JSON text with every string value (at any depth) longer than {@code maxStringChars} cut and marked. */
    String toString(int maxStringChars) {
        StringBuilder out = new StringBuilder();
        append(out, maxStringChars);
        return out.toString();
    }

    /** The number of characters in all string values at any depth: the JSON text is at least that long. */
    long stringChars() {
        long chars = 0;
        for (Object value : values.values()) {
            if (value instanceof String text) {
                chars += text.length();
            } else if (value instanceof List<?> list) {
                for (Object element : list) {
                    chars += ((JsonObject) element).stringChars();
                }
            }
        }
        return chars;
    }

    /** The number of string values at any depth. */
    int stringCount() {
        int count = 0;
        for (Object value : values.values()) {
            if (value instanceof String) {
                count++;
            } else if (value instanceof List<?> list) {
                for (Object element : list) {
                    count += ((JsonObject) element).stringCount();
                }
            }
        }
        return count;
    }

    private void append(StringBuilder out, int maxStringChars) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, entry.getKey());
            out.append(':');
            switch (entry.getValue()) {
                case null -> out.append("null");
                case String text -> appendString(out, shorten(text, maxStringChars));
                case List<?> list -> {
                    out.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        ((JsonObject) list.get(i)).append(out, maxStringChars);
                    }
                    out.append(']');
                }
                default -> out.append(entry.getValue());
            }
        }
        out.append('}');
    }

    private static String shorten(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int keep = Math.max(0, maxChars - TRUNCATED.length() - 1);
        // Never split a surrogate pair: half of one would be escaped as a lone surrogate.
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "\n" + TRUNCATED;
    }

    static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    // Lone surrogates would turn into '?' when encoded as UTF-8, so they are escaped too.
                    boolean loneSurrogate = Character.isSurrogate(c) && !isPairedSurrogate(value, i);
                    if (c < 0x20 || c == 0x7f || loneSurrogate) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
