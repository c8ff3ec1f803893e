package threadmark.web;

import java.util.Locale;

/** What the page layout shows around every page: who is logged in, in which language, on which page. */
public record Chrome(String username, boolean staff, String lang, String path, String csrfToken) {

    public boolean loggedIn() {
        return username != null;
    }

    public String otherLang() {
        return lang.equals("ru") ? "en" : "ru";
    }

    public String encodedPath() {
        return java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Chrome anonymous(Locale locale, String path, String csrfToken) {
        return new Chrome(null, false, locale.getLanguage(), path, csrfToken);
    }
}
