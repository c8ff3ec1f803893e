package threadmark.submission;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live-status streams open now, capped per user and in all. A waiting stream costs the database nothing, but each
 * holds an HTTP connection (a file descriptor), a parked virtual thread and about 30 KB of heap, and its opening
 * and each change of its own grading cost a read: one student opening hundreds must not take those from everyone
 * else, and the total bounds what a crowd (or a reconnecting one, after a restart) can ask of one process.
 */
@ApplicationScoped
public class LiveStreams {
    private final Map<Long, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    @Inject
    SubmissionsConfig config;

    private Semaphore reads;

    @PostConstruct
    void init() {
        reads = new Semaphore(config.liveStreamReads(), true);
    }

    /**
     * Runs a stream's read of the database in a transaction of its own, at most {@code live-stream-reads} at once. A
     * thousand streams woken together (opened together after a restart, or all told to read again when the listener
     * reconnected) wait here, parked, for their turn: in the pool's queue they timed out after 5 s and failed, and
     * meanwhile held every connection that pages and the API needed.
     */
    <T> T read(Callable<T> read) throws InterruptedException {
        reads.acquire();
        try {
            return QuarkusTransaction.requiringNew().call(read);
        } finally {
            reads.release();
        }
    }

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

    /** Streams open now, for everyone. */
    int total() {
        return total.get();
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
