package threadmark.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Locale;

/** The interface languages: English and Russian. A "lang" cookie set by the switcher beats the browser's choice. */
public final class Languages {

    public static final String COOKIE = "lang";
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    private Languages() {
    }

    public static Locale of(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null && supported(cookie.getValue()) != null) {
            return supported(cookie.getValue());
        }
        String accept = request.getHeader("Accept-Language");
        if (accept != null) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(accept), SUPPORTED);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException malformedHeader) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    public static Locale supported(String tag) {
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(tag)).findFirst().orElse(null);
    }
}
