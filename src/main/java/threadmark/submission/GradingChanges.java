package threadmark.submission;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Changes of gradings as PostgreSQL announces them on channel {@code grading_changed} (a trigger, see migration V9),
 * whichever process made them. One connection per server process listens, outside the pool, and costs the database
 * nothing while nothing changes; pages that follow a grading wait on a {@link Subscription} instead of polling.
 * After the connection is (re)made, every subscriber is told its grading may have changed: announcements made
 * while no one listened are lost.
 */
@ApplicationScoped
public class GradingChanges {

    private static final String CHANNEL = "grading_changed";
    /** Silence after which the connection is checked with one tiny query: a dead socket otherwise waits forever. */
    private static final Duration CHECK_AFTER = Duration.ofSeconds(60);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    private volatile QueueSnapshot.Version queue = new QueueSnapshot.Version();
    private volatile boolean listening;
    private volatile QueueSnapshot snapshot;
    private final Object snapshotLock = new Object();
    private volatile boolean stopped;
    private Thread listener;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    /** Follows the gradings of one submission; close it when done. */
    public Subscription subscribe(long submissionId) {
        startListening();
        Subscription subscription = new Subscription(submissionId, subscribers::remove);
        subscribers.add(subscription);
        return subscription;
    }

    /** Whether this process hears the database's announcements now (its listening connection is up). */
    boolean listening() {
        return listening;
    }

    /** Subscriptions open now, in this process. */
    int subscribers() {
        return subscribers.size();
    }

    /**
     * The queue as it is now, including the given gradings if they are still queued. While this process listens, one
     * read serves everyone until the queue moves again; otherwise (not listening yet, or the database was out of
     * reach) it is read afresh.
     */
    public QueueSnapshot queue(long... queuedGradingIds) {
        if (queuedGradingIds.length == 0) {
            return QueueSnapshot.NOTHING_ASKED; // no reader needs a place: read nothing
        }
        QueueSnapshot.Version version = listening ? queue : new QueueSnapshot.Version();
        QueueSnapshot known = snapshot;
        if (fits(known, version, queuedGradingIds)) {
            return known;
        }
        synchronized (snapshotLock) {
            known = snapshot;
            if (fits(known, version, queuedGradingIds)) {
                return known;
            }
            // A grading that entered the queue may be read before its announcement arrives: read the queue again.
            QueueSnapshot taken = QuarkusTransaction.requiringNew().call(() -> QueueSnapshot.take(em, version));
            snapshot = taken;
            return taken;
        }
    }

    private static boolean fits(QueueSnapshot snapshot, QueueSnapshot.Version version, long[] queuedGradingIds) {
        if (snapshot == null || snapshot.version != version) {
            return false;
        }
        for (long id : queuedGradingIds) {
            if (!snapshot.includes(id)) {
                return false;
            }
        }
        return true;
    }

    private synchronized void startListening() {
        if (listener == null && !stopped) {
            listener = Thread.ofPlatform().daemon().name("grading-changes").start(this::listen);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        Thread running;
        synchronized (this) {
            running = listener;
        }
        if (running != null) {
            running.interrupt();
        }
    }

    private void listen() {
        long retryMillis = 250;
        while (!stopped) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                listening = true;
                retryMillis = 250;
                moved(true);
                subscribers.forEach(Subscription::ownChanged);
                receive(connection.unwrap(PGConnection.class), connection);
            } catch (SQLException e) {
                if (!stopped) {
                    Log.debugf("grading changes: listening failed (%s); retrying in %d ms", e.getMessage(), retryMillis);
                }
            } finally {
                listening = false;
            }
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                return;
            }
            retryMillis = Math.min(retryMillis * 2, RETRY_MAX.toMillis());
        }
    }

    private void receive(PGConnection notifications, Connection connection) throws SQLException {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            PGNotification[] received = notifications.getNotifications((int) CHECK_AFTER.toMillis());
            if (received == null || received.length == 0) {
                if (!connection.isValid(5)) {
                    throw new SQLException("the listening connection is gone");
                }
                continue;
            }
            boolean queueMoved = false;
            for (PGNotification notification : received) {
                queueMoved |= dispatch(notification.getParameter());
            }
            if (queueMoved) {
                moved(false);
            }
        }
    }

    /** Wakes the subscribers of the announced submission; returns whether the change moved the queue. */
    private boolean dispatch(String payload) {
        int comma = payload.indexOf(',');
        try {
            long submissionId = Long.parseLong(comma < 0 ? payload : payload.substring(0, comma));
            for (Subscription subscription : subscribers) {
                if (subscription.submissionId == submissionId) {
                    subscription.ownChanged();
                }
            }
        } catch (NumberFormatException e) {
            Log.warnf("grading changes: unreadable announcement '%s'", payload);
        }
        return comma >= 0 && payload.endsWith(",1");
    }

    private void moved(boolean reconnected) {
        queue = new QueueSnapshot.Version();
        if (!reconnected) {
            subscribers.forEach(Subscription::queueMoved);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "threadmark grading changes");
        return DriverManager.getConnection(url, properties);
    }
}
