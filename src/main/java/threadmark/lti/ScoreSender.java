package threadmark.lti;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import threadmark.user.ExternalIdentity;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts the outbox's due scores to the platforms' line items (AGS 2.0, Score publish service), from any number of
 * server processes at once: each claims a batch with {@code FOR UPDATE SKIP LOCKED} and hides it from the others for
 * a lease while it posts. Woken at once after a change in this process, and polls for the rest. The HTTP calls run on
 * a thread of their own, outside any transaction: grading never waits for an LMS.
 */
@ApplicationScoped
public class ScoreSender {

    static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
    private static final Set<String> SCORE_SCOPES = Set.of(PlatformTokens.SCORE_SCOPE);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    /** A claimed row with all that posting it needs, read in the claiming transaction. */
    record Claimed(long id, long version, PlatformTokens.Endpoint platform, String lineItemUrl, String agsScopes,
                   String userId, Double scoreGiven, double scoreMaximum, Instant changedAt, String gradingProgress,
                   int attempts) {
    }

    @Inject
    EntityManager em;

    @Inject
    LtiConfig config;

    @Inject
    PlatformTokens tokens;

    @Inject
    LtiHttp http;

    @Inject
    ObjectMapper json;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("lti-score-sender").factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lti-score-timer").factory());
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledFuture<?> nextWake;

    void scoresQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScoresQueued queued) {
        wake();
    }

    /**
     * Retries are woken by a timer set for the earliest due row, so an idle sender takes no connection; the poll only
     * catches rows that another process queued and could not send (it stopped) or left claimed.
     */
    @Scheduled(every = "${threadmark.lti.scores.poll-interval}", delayed = "${threadmark.lti.scores.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Sends what is due on the sender's own thread; a wake while one is queued is the same wake. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                runner.execute(() -> {
                    wakeQueued.set(false);
                    sendDue();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeQueued.set(false); // stopping
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        runner.shutdownNow();
    }

    /** Claims and posts due scores until none is left; returns how many it posted (whatever the answers). */
    int sendDue() {
        int posted = 0;
        try {
            for (List<Claimed> batch = claim(); !batch.isEmpty(); batch = claim()) {
                for (Claimed claimed : batch) {
                    send(claimed);
                    posted++;
                }
            }
            wakeWhenNextDue();
        } catch (RuntimeException e) {
            Log.warnf(e, "lti: sending scores stopped; the next poll goes on");
        }
        return posted;
    }

    private void wakeWhenNextDue() {
        Instant due = QuarkusTransaction.requiringNew().call(() -> ScorePost.getEntityManager()
                .createQuery("select min(p.nextAttemptAt) from ScorePost p where p.status = ?1", Instant.class)
                .setParameter(1, ScorePost.Status.PENDING).getSingleResult());
        synchronized (timer) {
            if (nextWake != null) {
                nextWake.cancel(false);
                nextWake = null;
            }
            if (due != null && !timer.isShutdown()) {
                long millis = Math.max(0, Duration.between(Instant.now(), due).toMillis()) + 10;
                nextWake = timer.schedule(this::wake, millis, TimeUnit.MILLISECONDS);
            }
        }
    }

    List<Claimed> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            update lti_score_post p set next_attempt_at = now() + make_interval(secs => :lease)
                             where p.id in (select q.id from lti_score_post q
                                             where q.status = 'PENDING' and q.next_attempt_at <= now()
                                             order by q.next_attempt_at, q.id
                                             limit :batch
                                             for update skip locked)
                            returning p.id, p.version""")
                    .setParameter("lease", (double) config.scores().claimLease().toSeconds())
                    .setParameter("batch", config.scores().batch())
                    .getResultList();
            List<Claimed> claimed = new ArrayList<>();
            for (Object[] row : rows) {
                ScorePost post = ScorePost.findById(((Number) row[0]).longValue());
                LtiResourceLink link = post.resourceLink;
                LtiPlatform platform = link.context.deployment.platform;
                String subject = ExternalIdentity.<ExternalIdentity>find("issuer = ?1 and user = ?2 "
                                + "order by lastSeen desc", platform.issuer, post.user).firstResultOptional()
                        .map(i -> i.subject).orElse(null);
                claimed.add(new Claimed(post.id, ((Number) row[1]).longValue(), PlatformTokens.Endpoint.of(platform),
                        link.lineItemUrl, link.agsScopes, subject, post.scoreGiven, post.scoreMaximum, post.changedAt,
                        post.gradingProgress, post.attempts));
            }
            return claimed;
        });
    }

    void send(Claimed claimed) {
        if (claimed.userId() == null) {
            failed(claimed, new PlatformCallFailed(0, "the platform has never named this student to us (no launch or "
                    + "roster sync from it yet)", false));
            return;
        }
        if (claimed.lineItemUrl() == null) {
            failed(claimed, new PlatformCallFailed(0, "the resource link has no line item any more", false));
            return;
        }
        if (claimed.agsScopes() != null && !claimed.agsScopes().isBlank()
                && !Arrays.asList(claimed.agsScopes().split("\\s+")).contains(PlatformTokens.SCORE_SCOPE)) {
            failed(claimed, new PlatformCallFailed(0, "the platform did not grant the score scope for this link ("
                    + PlatformTokens.SCORE_SCOPE + ")", false));
            return;
        }
        try {
            HttpResponse<String> answer = post(claimed);
            if (answer.statusCode() == 401) {
                // AGS relies on the Security Framework: a refused token may have been revoked early; one new token.
                tokens.forget(claimed.platform(), SCORE_SCOPES);
                answer = post(claimed);
            }
            if (answer.statusCode() / 100 == 2) {
                sent(claimed, answer.statusCode(), PlatformCallFailed.trimmed(answer.body()));
            } else {
                failed(claimed, new PlatformCallFailed(answer.statusCode(), "the LMS answered " + answer.statusCode()
                        + (answer.body() == null || answer.body().isBlank() ? ""
                        : ": " + PlatformCallFailed.trimmed(answer.body())),
                        answer.statusCode() == 401 || PlatformCallFailed.retryable(answer.statusCode())));
            }
        } catch (PlatformCallFailed e) {
            failed(claimed, e);
        }
    }

    private HttpResponse<String> post(Claimed claimed) throws PlatformCallFailed {
        String token = tokens.token(claimed.platform(), SCORE_SCOPES);
        URI scores;
        try {
            scores = scoresUrl(claimed.lineItemUrl());
        } catch (IllegalArgumentException e) {
            throw new PlatformCallFailed(0, "the line item URL is not a URL: " + claimed.lineItemUrl(), false);
        }
        HttpRequest request = HttpRequest.newBuilder(scores).timeout(http.timeout())
                .header("Content-Type", SCORE_TYPE)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body(claimed))).build();
        return http.send(request, "line item " + claimed.lineItemUrl());
    }

    /** AGS 2.0 section 3.4: scores are posted to the line item URL with {@code /scores} added to its path. */
    static URI scoresUrl(String lineItemUrl) {
        URI item = URI.create(lineItemUrl);
        String path = item.getRawPath() == null ? "" : item.getRawPath();
        path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/scores";
        StringBuilder url = new StringBuilder().append(item.getScheme()).append("://").append(item.getRawAuthority())
                .append(path);
        if (item.getRawQuery() != null) {
            url.append('?').append(item.getRawQuery());
        }
        return URI.create(url.toString());
    }

    /** The score JSON of AGS 2.0 section 3.4.3; without scoreGiven when nothing counts any more. */
    String body(Claimed claimed) {
        Map<String, Object> score = new LinkedHashMap<>();
        score.put("userId", claimed.userId());
        if (claimed.scoreGiven() != null) {
            score.put("scoreGiven", claimed.scoreGiven());
            score.put("scoreMaximum", claimed.scoreMaximum());
            score.put("activityProgress", "Completed");
            score.put("gradingProgress", claimed.gradingProgress());
        } else {
            score.put("activityProgress", "Initialized");
            score.put("gradingProgress", "NotReady");
        }
        score.put("timestamp", TIMESTAMP.format(claimed.changedAt()));
        try {
            return json.writeValueAsString(score);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sent(Claimed claimed, int status, String body) {
        QuarkusTransaction.requiringNew().run(() -> {
            int updated = em.createNativeQuery("""
                            update lti_score_post set status = 'SENT', sent_at = now(), last_attempt_at = now(),
                                   attempts = attempts + 1, last_status = :status, last_response = :body
                             where id = :id and version = :version""")
                    .setParameter("status", status).setParameter("body", body)
                    .setParameter("id", claimed.id()).setParameter("version", claimed.version()).executeUpdate();
            if (updated == 0) {
                newerScoreWaits(claimed, status, body);
            }
        });
        Log.infof("lti: score %d (v%d) sent to %s: %s", claimed.id(), claimed.version(), claimed.lineItemUrl(), status);
    }

    private void failed(Claimed claimed, PlatformCallFailed failure) {
        Duration delay = backOff(claimed.attempts() + 1);
        QuarkusTransaction.requiringNew().run(() -> {
            int updated = em.createNativeQuery("""
                            update lti_score_post set status = :next, attempts = attempts + 1, last_attempt_at = now(),
                                   next_attempt_at = now() + make_interval(secs => :delay),
                                   last_status = :status, last_response = :reason
                             where id = :id and version = :version""")
                    .setParameter("next", failure.retryable ? "PENDING" : "FAILED")
                    .setParameter("delay", delay.toMillis() / 1000.0)
                    .setParameter("status", failure.status).setParameter("reason", failure.reason)
                    .setParameter("id", claimed.id()).setParameter("version", claimed.version()).executeUpdate();
            if (updated == 0) {
                newerScoreWaits(claimed, failure.status, failure.reason);
            }
        });
        Log.infof("lti: score %d (v%d) not taken by %s (%s): %s", claimed.id(), claimed.version(),
                claimed.lineItemUrl(), failure.retryable ? "retried in " + delay.toMillis() + " ms" : "failed",
                failure.reason);
    }

    /** A newer score arrived while this one was posted: it stays PENDING and due; only the answer is kept. */
    private void newerScoreWaits(Claimed claimed, int status, String body) {
        em.createNativeQuery("update lti_score_post set last_attempt_at = now(), last_status = :status, "
                        + "last_response = :body where id = :id")
                .setParameter("status", status).setParameter("body", body).setParameter("id", claimed.id())
                .executeUpdate();
    }

    /** Doubling from the first retry, capped, with jitter (±25 %): scores refused together do not return together. */
    Duration backOff(int attempts) {
        long first = config.scores().firstRetry().toMillis();
        long max = config.scores().maxRetry().toMillis();
        long delay = first;
        for (int i = 1; i < attempts && delay < max; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, max);
        long jittered = (long) (delay * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        return Duration.ofMillis(Math.max(first, Math.min(max, jittered)));
    }
}
