package threadmark.course;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LatePolicyTest {

    private static final Instant DUE = Instant.parse("2026-12-01T23:59:00Z");

    @Test
    void everyStartedDayAfterTheDeadlineCostsThePenalty() {
        LatePolicy policy = new LatePolicy(DUE, 10, DUE.plus(Duration.ofDays(3)));
        assertThat(policy.daysLate(DUE)).isZero();
        assertThat(policy.apply(80, DUE)).isEqualTo(80);
        assertThat(policy.daysLate(DUE.plusSeconds(1))).isEqualTo(1);
        assertThat(policy.apply(80, DUE.plusSeconds(1))).isEqualTo(72);
        assertThat(policy.daysLate(DUE.plus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(policy.daysLate(DUE.plus(Duration.ofHours(25)))).isEqualTo(2);
        // A fraction of a second past a whole day starts the next one (it used to be cut to whole seconds).
        assertThat(policy.daysLate(DUE.plus(Duration.ofDays(5)).plusMillis(300))).isEqualTo(6);
        assertThat(policy.apply(100, DUE.plus(Duration.ofHours(25)))).isEqualTo(80);
        assertThat(policy.afterCutoff(DUE.plus(Duration.ofDays(3)))).isFalse();
        assertThat(policy.apply(100, DUE.plus(Duration.ofDays(3)).plusSeconds(1))).isZero();
    }

    @Test
    void thePenaltyStopsAtTheWholeScoreAndNoDeadlineMeansNeverLate() {
        assertThat(new LatePolicy(DUE, 30, null).apply(100, DUE.plus(Duration.ofDays(9)))).isZero();
        assertThat(new LatePolicy(DUE, 30, null).penaltyPercent(DUE.plus(Duration.ofDays(9)))).isEqualTo(100);
        assertThat(new LatePolicy(null, 30, null).apply(100, DUE.plus(Duration.ofDays(9)))).isEqualTo(100);
        assertThat(new LatePolicy(DUE, 0, null).apply(55.5, DUE.plus(Duration.ofDays(9)))).isEqualTo(55.5);
    }
}
