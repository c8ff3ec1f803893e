package threadmark.sandbox;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;

/** Sandbox settings read without Quarkus (for the CLI): application.properties, then environment and system properties. */
public final class StandaloneSandboxConfig {

    private StandaloneSandboxConfig() {
    }

    public static SandboxConfig load() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SandboxConfig.class);
        URL properties = StandaloneSandboxConfig.class.getClassLoader().getResource("application.properties");
        if (properties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(properties, 250));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.build().getConfigMapping(SandboxConfig.class);
    }
}
