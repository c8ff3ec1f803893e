package threadmark.submission;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class QueueReadingTest {

    private static final QueueReading.Figures TWO_QUEUED = new QueueReading.Figures(2, 1, 0, 12.5, 0);

    @Test
    void scrapesWithinTheMaximumAgeShareOneRead() {
        AtomicInteger reads = new AtomicInteger();
        QueueReading reading = new QueueReading(() -> {
            reads.incrementAndGet();
            return TWO_QUEUED;
        }, Duration.ofHours(1));
        for (int i = 0; i < 50; i++) {
            assertThat(reading.figures().queued()).isEqualTo(2);
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void aDatabaseThatIsAwayGivesNaNInsteadOfAnErrorAndIsAskedAgainLater() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        QueueReading reading = new QueueReading(() -> {
            reads.incrementAndGet();
            if (down.get()) {
                throw new IllegalStateException("Connection refused");
            }
            return TWO_QUEUED;
        }, Duration.ofMillis(50));
        QueueReading.Figures unknown = reading.figures();
        assertThat(unknown.queued()).isNaN();
        assertThat(unknown.oldestSubmissionSeconds()).isNaN();
        assertThat(reading.figures().queued()).as("a failed read is not retried at every scrape").isNaN();
        assertThat(reads).hasValue(1);
        down.set(false);
        Thread.sleep(60);
        assertThat(reading.figures().oldestSubmissionSeconds()).isEqualTo(12.5);
        assertThat(reads).hasValue(2);
    }
}
