package threadmark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live-status streams open now, capped per user and in all. A waiting stream costs the database nothing, but each
 * holds a connection, a virtual thread and a read of the grading whenever it changes: one student opening hundreds
 * must not take those from everyone else.
 */
@ApplicationScoped
public class LiveStreams {
    private final Map<Long, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    @Inject
    SubmissionsConfig config;

    /** Takes a stream for {@code userId}, or refuses with 429 and a sentence; the returned action gives it back, once. */
    Runnable open(long userId) {
        AtomicInteger mine = perUser.computeIfAbsent(userId, id -> new AtomicInteger());
        if (mine.incrementAndGet() > config.liveStreamsPerUser()) {
            close(userId, mine);
            throw refused("you have " + config.liveStreamsPerUser() + " live result pages open already; close one,"
                    + " or reload this page once one of them has its result");
        }
        if (total.incrementAndGet() > config.liveStreamsTotal()) {
            total.decrementAndGet();
            close(userId, mine);
            throw refused("the server follows as many live result pages as it can; reload this page in a minute");
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                total.decrementAndGet();
                close(userId, mine);
            }
        };
    }

    private void close(long userId, AtomicInteger mine) {
        if (mine.decrementAndGet() <= 0) {
            perUser.remove(userId, mine);
        }
    }

    private static WebApplicationException refused(String why) {
        return new WebApplicationException(Response.status(429).header("Retry-After", "60")
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity("Too many live pages: " + why + ".").build());
    }
}
