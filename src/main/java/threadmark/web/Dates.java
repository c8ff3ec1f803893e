package threadmark.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Times as pages show them: in the reader's language, in UTC (a course spans time zones; the zone is printed). */
public final class Dates {

    private Dates() {
    }

    public static String format(Instant instant, Locale locale) {
        if (instant == null) {
            return null;
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }
}
