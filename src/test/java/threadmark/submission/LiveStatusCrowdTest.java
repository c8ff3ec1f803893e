package threadmark.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import threadmark.testing.LiveStream;

/**
 * A deadline-night crowd: 1,000 students, each logged in through the login form, each with a live result page of a
 * queued submission open (1,000 real server-sent-event streams over loopback). While they wait, the server asks the
 * database nothing; when one grading moves, its page hears it at once and every other page its new place, for the
 * same few reads as with 10 pages open; closing the pages gives every stream back.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class LiveStatusCrowdTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CROWD = 1_000;
    private static final int FEW = 10;
    private static final String PREFIX = "crowd-";
    private static final String PASSWORD = "crowd-password";
    private static final long EVENT_WAIT_SECONDS = 10;
    /** The listener's own connection (outside the pool) is the only one allowed to be busy while pages wait. */
    private static final String LISTENER = "threadmark grading changes";

    @Inject
    AgroalDataSource pool;

    @Inject
    LiveStreams liveStreams;

    @Inject
    GradingChanges gradingChanges;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final List<Page> pages = new ArrayList<>();

    @Test
    void aThousandWaitingPagesCostTheDatabaseNothingAndAChangeCostsWhatItCostsWithTen() throws Exception {
        int streamsBefore = liveStreams.total();
        int subscribersBefore = gradingChanges.subscribers();
        long t0 = System.nanoTime();
        List<long[]> crowd = createCrowd(); // {submission id, grading id}, in queue order
        long t1 = System.nanoTime();
        List<String> cookies = login(crowd.size());
        long t2 = System.nanoTime();

        // Ten pages open: what one student's claim and result cost the server's database work.
        open(crowd, cookies, 0, FEW, 0);
        long listenBy = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!gradingChanges.listening() && System.nanoTime() < listenBy) {
            Thread.sleep(50); // the first page of this process started the listener: measure once it hears
        }
        assertThat(gradingChanges.listening()).as("the server listens for grading changes").isTrue();
        Thread.sleep(500); // the pages' reads when it began listening
        long costWithFew = claimAndFinish(crowd, 0, FEW);

        // A thousand pages open (the first has its result and its stream ended).
        long t2b = System.nanoTime();
        open(crowd, cookies, FEW, CROWD, 1);
        long t3 = System.nanoTime();
        assertThat(liveStreams.total() - streamsBefore).as("streams held").isEqualTo(CROWD - 1);
        assertThat(gradingChanges.subscribers() - subscribersBefore).as("subscriptions held").isEqualTo(CROWD - 1);

        // (a) Nothing changes for 3 s: the database sees nothing from the server, as PostgreSQL itself reports it.
        Timestamp quietFrom = databaseNow();
        long acquired = pool.getMetrics().acquireCount();
        Thread.sleep(3_000);
        assertThat(pool.getMetrics().acquireCount() - acquired)
                .as("connections taken from the pool while 999 pages waited 3 s").isLessThanOrEqualTo(2);
        assertThat(busySince(quietFrom)).as("the server's database sessions that ran a statement while 999 pages"
                + " waited 3 s (pg_stat_activity)").isLessThanOrEqualTo(1);

        // (b) One claim moves all 999 pages: the same handful of reads as with ten.
        long costWithCrowd = claimAndFinish(crowd, 1, CROWD);
        assertThat(costWithCrowd).as("connections a claim and a result took with 1,000 pages open, against "
                + costWithFew + " with 10").isLessThanOrEqualTo(costWithFew + 2).isLessThanOrEqualTo(6);

        long t4 = System.nanoTime();
        System.out.printf("crowd of %d: created in %d ms, logged in in %d ms, %d pages opened in %d ms, one claim"
                        + " moved them all in %d ms; pool connections per claim and result: %d with %d pages, %d with %d%n",
                CROWD, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, CROWD - FEW, (t3 - t2b) / 1_000_000,
                (t4 - t3) / 1_000_000 - 3_000, costWithFew, FEW, costWithCrowd, CROWD);

        // (c) Every page closed: every stream and subscription given back.
        closeAll();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((liveStreams.total() != streamsBefore || gradingChanges.subscribers() != subscribersBefore)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(liveStreams.total()).as("streams held after every page closed").isEqualTo(streamsBefore);
        assertThat(gradingChanges.subscribers()).as("subscriptions after every page closed").isEqualTo(subscribersBefore);
    }

    @AfterEach
    void removeCrowd() throws Exception {
        closeAll();
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            String crowd = "(select id from app_user where username like '" + PREFIX + "%')";
            sql.executeUpdate("delete from grading where submission_id in (select id from submission where user_id in "
                    + crowd + ")");
            sql.executeUpdate("delete from submission where user_id in " + crowd);
            sql.executeUpdate("delete from user_session where user_id in " + crowd);
            sql.executeUpdate("delete from app_user where id in " + crowd);
        }
    }

    /**
     * Claims the grading of page {@code first} (the head of the queue) and stores its result, from outside the server,
     * as a worker elsewhere would; returns the pool connections the server took for it. Its page must hear both at
     * once, and every later page up to {@code end} its new place.
     */
    private long claimAndFinish(List<long[]> crowd, int first, int end) throws Exception {
        Page claimed = pages.get(first);
        long acquired = pool.getMetrics().acquireCount();
        sql("update grading set status = 'RUNNING', started_at = now(), attempts = 1, lease_owner = 'elsewhere',"
                + " lease_expires_at = now() + interval '1 hour' where id = " + crowd.get(first)[1]);
        assertThat(claimed.next().path("status").asText()).isEqualTo("RUNNING");
        for (int i = first + 1; i < end; i++) {
            Page page = pages.get(i);
            JsonNode moved = page.next();
            assertThat(moved.path("status").asText()).isEqualTo("QUEUED");
            assertThat(moved.path("queuePosition").asLong()).as("place of page " + i + " after the claim")
                    .isEqualTo(i - first - 1);
        }
        sql("update grading set status = 'DONE', finished_at = now(), score = 100, max_score = 100,"
                + " lease_owner = null where id = " + crowd.get(first)[1]);
        JsonNode done = claimed.next();
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("score").asDouble()).isEqualTo(100.0);
        assertThat(claimed.ended()).as("the stream ends once graded").isTrue();
        Thread.sleep(300); // anything a page would read late
        return pool.getMetrics().acquireCount() - acquired;
    }

    /** Students with one queued race-counter submission each, in bulk: the queue holds nothing else. */
    private List<long[]> createCrowd() throws Exception {
        // The queue-only profile is shared, and no worker takes what earlier tests queued: places count from zero.
        sql("update grading set status = 'ERROR', finished_at = now(), lease_owner = null "
                + "where status in ('QUEUED', 'RUNNING', 'WAITING')");
        // Bcrypt at its lowest cost: a thousand real form logins, without a thousand times 80 ms of hashing.
        String hash = BcryptUtil.bcryptHash(PASSWORD, 4);
        List<long[]> crowd = new ArrayList<>();
        try (Connection db = connect()) {
            try (PreparedStatement users = db.prepareStatement("insert into app_user (username, password_hash, role)"
                    + " select ? || g, ?, 'STUDENT' from generate_series(0, ? - 1) g")) {
                users.setString(1, PREFIX);
                users.setString(2, hash);
                users.setInt(3, CROWD);
                users.executeUpdate();
            }
            try (Statement sql = db.createStatement()) {
                sql.executeUpdate("insert into submission (user_id, exercise_id, files, practice)"
                        + " select u.id, e.id, '{\"Counter.java\": \"class Counter {}\"}'::jsonb, true"
                        + " from app_user u, (select id from exercise where slug = 'race-counter'"
                        + " order by version desc limit 1) e"
                        + " where u.username like '" + PREFIX + "%' order by substring(u.username from 7)::int");
                sql.executeUpdate("insert into grading (submission_id, exercise_id, status) select s.id, s.exercise_id,"
                        + " 'QUEUED' from submission s join app_user u on u.id = s.user_id"
                        + " where u.username like '" + PREFIX + "%' order by s.id");
                try (ResultSet rows = sql.executeQuery("select g.submission_id, g.id from grading g"
                        + " join submission s on s.id = g.submission_id join app_user u on u.id = s.user_id"
                        + " where u.username like '" + PREFIX + "%' order by substring(u.username from 7)::int")) {
                    while (rows.next()) {
                        crowd.add(new long[] {rows.getLong(1), rows.getLong(2)});
                    }
                }
            }
        }
        assertThat(crowd).hasSize(CROWD);
        return crowd;
    }

    /** Each student logs in through the form; returns the cookies their browser would send. */
    private List<String> login(int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (ExecutorService browsers = Executors.newFixedThreadPool(8)) {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String form = "j_username=" + URLEncoder.encode(PREFIX + i, StandardCharsets.UTF_8)
                        + "&j_password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
                logins.add(browsers.submit(() -> {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/j_security_check"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    assertThat(response.headers().firstValue("location")).as("where a login leads")
                            .hasValueSatisfying(to -> assertThat(to).endsWith("/exercises"));
                    return response.headers().allValues("set-cookie").stream().map(c -> c.split(";", 2)[0])
                            .filter(c -> c.indexOf('=') < c.length() - 1 || c.indexOf('=') < 0)
                            .collect(Collectors.joining("; "));
                }));
            }
            List<String> cookies = new ArrayList<>();
            for (Future<String> login : logins) {
                cookies.add(login.get(60, TimeUnit.SECONDS));
            }
            return cookies;
        }
    }

    /**
     * Opens the live status of pages {@code from} to {@code to}, each waiting for its first event: queued, in place
     * behind the others ({@code taken}: how many heads of the queue were taken already).
     */
    private void open(List<long[]> crowd, List<String> cookies, int from, int to, int taken) throws Exception {
        try (ExecutorService browsers = Executors.newFixedThreadPool(16)) {
            List<Future<Page>> opened = new ArrayList<>();
            for (int i = from; i < to; i++) {
                long submission = crowd.get(i)[0];
                String cookie = cookies.get(i);
                opened.add(browsers.submit(() -> Page.open(submission, cookie)));
            }
            for (Future<Page> page : opened) {
                pages.add(page.get(60, TimeUnit.SECONDS));
            }
        }
        for (int i = from; i < to; i++) {
            JsonNode first = pages.get(i).next();
            assertThat(first.path("status").asText()).isEqualTo("QUEUED");
            assertThat(first.path("queuePosition").asLong()).as("place of page " + i).isEqualTo(i - taken);
        }
    }

    /** Sessions of this database, other than the listener's and this test's, that started or ran anything since. */
    private int busySince(Timestamp since) throws Exception {
        try (Connection db = connect();
             PreparedStatement busy = db.prepareStatement("select count(*) from pg_stat_activity"
                     + " where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'"
                     + " and application_name <> ? and query <> ''" // '': the pool checking an idle connection
                     + " and (state_change > ? or backend_start > ? or state <> 'idle')")) {
            busy.setString(1, LISTENER);
            busy.setTimestamp(2, since);
            busy.setTimestamp(3, since);
            try (ResultSet count = busy.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    private Timestamp databaseNow() throws Exception {
        try (Connection db = connect(); Statement sql = db.createStatement();
             ResultSet now = sql.executeQuery("select clock_timestamp()")) {
            now.next();
            return now.getTimestamp(1);
        }
    }

    private void closeAll() {
        pages.forEach(Page::close);
        pages.clear();
    }

    private void sql(String update) throws Exception {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.executeUpdate(update);
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url, username, password);
    }

    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** One open result page's live status, as the test reads it. */
    private record Page(LiveStream stream) {

        static Page open(long submission, String cookies) throws IOException {
            LiveStream stream = LiveStream.open(RestAssured.port, "/submissions/" + submission + "/events", cookies);
            assertThat(stream.status).as("live status of submission " + submission).isEqualTo(200);
            return new Page(stream);
        }

        JsonNode next() throws InterruptedException {
            LiveStream.Event event = stream.next(EVENT_WAIT_SECONDS);
            assertThat(event).as("a live status within " + EVENT_WAIT_SECONDS + " s").isNotNull();
            try {
                return JSON.readTree(event.json());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + event.json(), e);
            }
        }

        boolean ended() throws InterruptedException {
            return stream.ended(EVENT_WAIT_SECONDS);
        }

        void close() {
            stream.close();
        }
    }
}
