package threadmark.web;

import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Small formatting helpers for templates. */
@TemplateExtension
public final class TemplateExtensions {

    private TemplateExtensions() {
    }

    /** Points without a pointless ".0": 100, 12.5. */
    public static String fmtScore(Number value) {
        if (value == null) {
            return "–";
        }
        return BigDecimal.valueOf(value.doubleValue()).stripTrailingZeros().toPlainString();
    }

    /** A value for a URL's query string. */
    public static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
