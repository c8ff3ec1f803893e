package threadmark.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reader reads and types times in their own zone, named beside them; the stored instant does not move. */
class DatesTest {

    private static final Instant DEADLINE = Instant.parse("2030-01-15T04:59:00Z");

    @Test
    void aDeadlineReadsAsLocalTimeWithTheZoneNamed() {
        Dates newYork = new Dates(Locale.ENGLISH, ZoneId.of("America/New_York"));
        assertThat(newYork.format(DEADLINE)).startsWith("Jan 14, 2030").contains("11:59").endsWith(" EST");
        assertThat(newYork.format(Instant.parse("2030-07-01T03:59:00Z"))).contains("11:59").endsWith(" EDT");
        assertThat(Dates.utc(Locale.ENGLISH).format(DEADLINE)).startsWith("Jan 15, 2030").contains("4:59")
                .endsWith(" UTC");
        assertThat(new Dates(Locale.forLanguageTag("ru"), ZoneId.of("Europe/Moscow")).format(DEADLINE))
                .startsWith("15 янв. 2030").contains("07:59");
    }

    @Test
    void anInstructorTypesLocalTimeAndTheSameInstantIsStored() {
        Dates newYork = new Dates(Locale.ENGLISH, ZoneId.of("America/New_York"));
        assertThat(newYork.parseInput("2030-01-14T23:59", "due")).isEqualTo(DEADLINE);
        assertThat(newYork.input(DEADLINE)).isEqualTo("2030-01-14T23:59");
        assertThat(newYork.parseInput(" ", "due")).isNull();
        assertThatThrownBy(() -> newYork.parseInput("tomorrow", "due")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the due date 'tomorrow' is not a date and time like 2026-12-01T23:59");
    }

    @Test
    void aCookieThatNamesNoZoneMeansUtc() {
        assertThat(Dates.zoneOf("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(Dates.zoneOf(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(Dates.zoneOf("Mars/Olympus_Mons")).isEqualTo(ZoneOffset.UTC);
        assertThat(Dates.zoneOf("UTC")).isEqualTo(ZoneOffset.UTC);
        assertThat(Dates.zoneOf("../../etc/passwd")).isEqualTo(ZoneOffset.UTC);
    }
}
