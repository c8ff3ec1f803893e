package threadmark.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The HTML page for an error on a page request (API requests get JSON). */
public final class ErrorPage {

    private ErrorPage() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(PageFrame frame, int status, String message);
    }

    static TemplateInstance of(PageContext page, int status, String message) {
        return Templates.error(page.frame(), status, message).setLocale(page.locale());
    }
}
