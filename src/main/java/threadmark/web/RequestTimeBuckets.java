package threadmark.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Page and API answer times as a histogram ({@code http_server_requests_seconds_bucket}), so that an alert can ask
 * for the p95 across all web processes (docs/operations.md); a few buckets around the 300 ms target, not Micrometer's
 * seventy, since each one is a series per route and status.
 */
@Singleton
public class RequestTimeBuckets {

    static final double[] BUCKETS = Stream.of(25, 50, 100, 300, 1_000, 3_000, 10_000)
            .mapToDouble(millis -> Duration.ofMillis(millis).toNanos()).toArray();

    @Produces
    @Singleton
    MeterFilter requestTimeBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
            }
        };
    }
}
