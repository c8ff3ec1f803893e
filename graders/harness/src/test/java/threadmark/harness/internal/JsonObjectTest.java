package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import threadmark.harness.MiniJson;

class JsonObjectTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String nasty = "say \"hi\" \\ path\n\ttab \u0000 \u001f \u007f end";
        String json = new JsonObject().put("text", nasty).toString();

        assertEquals("{\"text\":\"say \\\"hi\\\" \\\\ path\\u000a\\u0009tab \\u0000 \\u001f \\u007f end\"}", json);
        assertEquals(nasty, MiniJson.parseObject(json).get("text"));
    }

    @Test
    void keepsNonAsciiTextAndEscapesLoneSurrogates() {
        String text = "Zähler ✓ 😀 lone:\ud800!";
        String json = new JsonObject().put("text", text).toString();

        assertEquals("{\"text\":\"Zähler ✓ 😀 lone:\\ud800!\"}", json);
        assertEquals(text, MiniJson.parseObject(json).get("text"));
    }

    @Test
    void writesNumbersBooleansNullsAndArraysInInsertionOrder() {
        String json = new JsonObject().put("type", "compile").put("ok", false).put("durationMillis", 12)
                .put("message", (String) null).putNullable("line", null).putNullable("column", 7L)
                .put("errors", List.of(new JsonObject().put("file", "A.java"), new JsonObject()))
                .toString();

        assertEquals("{\"type\":\"compile\",\"ok\":false,\"durationMillis\":12,\"message\":null,\"line\":null,"
                + "\"column\":7,\"errors\":[{\"file\":\"A.java\"},{}]}", json);
        Map<String, Object> parsed = MiniJson.parseObject(json);
        assertEquals(7L, parsed.get("column"));
    }
}
