package threadmark.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the page layout shows around every page: who is logged in, in which language and time zone ({@code zone}, as
 * {@link Dates#zoneLabel()} names it), on which page.
 */
public record PageFrame(String username, boolean staff, String lang, String zone, String path, String csrfToken) {

    public boolean loggedIn() {
        return username != null;
    }

    public String otherLang() {
        return lang.equals("ru") ? "en" : "ru";
    }

    public String encodedPath() {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    public static PageFrame anonymous(Locale locale, String zone, String path, String csrfToken) {
        return new PageFrame(null, false, locale.getLanguage(), zone, path, csrfToken);
    }
}
