package threadmark.harness.internal;

import java.util.List;

/** A JSON object written by hand, keys in insertion order; enough for the result events. */
public final class JsonObject {
    private final StringBuilder body = new StringBuilder();

    public JsonObject put(String key, String value) {
        key(key);
        if (value == null) {
            body.append("null");
        } else {
            appendString(body, value);
        }
        return this;
    }

    public JsonObject put(String key, long value) {
        key(key);
        body.append(value);
        return this;
    }

    public JsonObject put(String key, boolean value) {
        key(key);
        body.append(value);
        return this;
    }

    /** A number that may be unknown, written as {@code null}. */
    public JsonObject putNullable(String key, Long value) {
        key(key);
        body.append(value == null ? "null" : value.toString());
        return this;
    }

    public JsonObject put(String key, List<JsonObject> values) {
        key(key);
        body.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(values.get(i));
        }
        body.append(']');
        return this;
    }

    @Override
    public String toString() {
        return "{" + body + "}";
    }

    private void key(String key) {
        if (!body.isEmpty()) {
            body.append(',');
        }
        appendString(body, key);
        body.append(':');
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
                        out.append(String.format("\\u%04x", (int) c));
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
