package threadmark.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Times as one reader sees and types them: in their language and their time zone, with the zone named, so that a
 * deadline reads the same to a student in New York and one in Moscow. Storage and CSV files stay in UTC instants.
 */
public record Dates(Locale locale, ZoneId zone) {

    /** The cookie that holds the reader's zone: set by the page script from the browser, or chosen on /zone. */
    public static final String COOKIE = "tz";

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    public static Dates utc(Locale locale) {
        return new Dates(locale, ZoneOffset.UTC);
    }

    /** The zone a cookie names, or UTC for none or for one this JVM does not know. */
    public static ZoneId zoneOf(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 64) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(cookie.strip()).normalized();
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** Medium date, short time and the zone's short name ("7 Dec 2026, 23:59 EST"); null for none. */
    public String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(instant) + " " + zoneName(instant);
    }

    /** The zone's short name at that instant (EST or EDT), or its id where the language has no name for it. */
    public String zoneName(Instant instant) {
        if (zone.equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        return DateTimeFormatter.ofPattern("zzz", locale).withZone(zone).format(instant);
    }

    /** The zone as the reader chose it, for labels: "America/New_York", or "UTC". */
    public String zoneLabel() {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** The value of a datetime-local field, in the reader's zone; "" for none. */
    public String input(Instant instant) {
        return instant == null ? "" : INPUT.format(instant.atZone(zone));
    }

    /** A datetime-local field's value, read in the reader's zone; blank means none. */
    public Instant parseInput(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the " + field + " date '" + value + "' is not a date and time like "
                    + "2026-12-01T23:59");
        }
    }
}
