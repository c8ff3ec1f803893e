package threadmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.elytron.security.common.BcryptUtil;
import threadmark.testing.LiveStream;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deadline night: {@code bench.crowd} (1,000) students, each logged in through the login form with a live result page
 * open, {@code bench.crowd-submitters} (200) of whom submit a race-counter solution within
 * {@code bench.crowd-window} (60 s, spread at random), then load their new result page and follow it live; meanwhile
 * every student reloads a page or reads the API about every {@code bench.crowd-read-every} (30) seconds. Reports
 * page and API latency, how soon a finished grading reaches its page, what live status costs PostgreSQL, refusals
 * and errors. The pages everyone follows at the start show an earlier submission whose provisional result waits to be
 * measured again in an hour (a live page that no worker takes during the run); the submitters' new pages are queued,
 * and every claim moves them all. With {@code bench.crowd-live=false} the same seeded traffic runs without any live
 * page: the difference in database transactions is what live status costs. Loopback only; the students' rows stay in
 * the benchmark's own database. Students get bcrypt hashes of the lowest cost so that a thousand logins do not take minutes; verified
 * passwords are remembered by the server either way.
 *
 * <p>Against a server without grading workers, {@code bench.crowd-stand-in=N} claims and finishes N gradings a second
 * by SQL (a worker elsewhere), so the streams still see gradings finish; the real figures come with workers.
 */
final class CrowdBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "crowd-";
    private static final String PASSWORD = "crowd-password";
    private static final int STUDENTS = Integer.getInteger("bench.crowd", 1000);
    private static final int SUBMITTERS = Integer.getInteger("bench.crowd-submitters", 200);
    private static final int WINDOW_SECONDS = Integer.getInteger("bench.crowd-window", 60);
    private static final int READ_EVERY_SECONDS = Integer.getInteger("bench.crowd-read-every", 30);
    private static final double STAND_IN_PER_SECOND = Double.parseDouble(System.getProperty("bench.crowd-stand-in", "0"));
    private static final int GRADED_WITHIN_SECONDS = Integer.getInteger("bench.crowd-graded-within", 600);
    /** PostgreSQL publishes a session's counts up to 10 s after its last transaction: wait that long before reading. */
    private static final long STATS_LAG_MILLIS = 11_000;
    private static final boolean LIVE = Boolean.parseBoolean(System.getProperty("bench.crowd-live", "true"));

    private final String base;
    private final int port;
    private final Report report;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Long> pageMillis = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> apiMillis = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> submitMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger tooMany = new AtomicInteger();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requests = new AtomicLong();

    CrowdBenchmark(ServerClient server, Report report) {
        this.base = server.base();
        this.port = URI.create(base).getPort();
        this.report = report;
    }

    /** Alone, against a running server: {@code CrowdBenchmark <server URL> <report file>}. */
    public static void main(String[] args) throws Exception {
        Report report = new Report(Path.of(args.length > 1 ? args[1] : "target/crowd-results.md"));
        new CrowdBenchmark(new ServerClient(args.length > 0 ? args[0] : "http://127.0.0.1:8098"), report).run();
        report.write();
    }

    void run() throws Exception {
        List<Map<String, String>> solutions = new ArrayList<>();
        for (String folder : List.of("reference", "unsynchronized", "reference", "lock-per-call")) {
            solutions.add(solution(folder));
        }
        try (Connection db = DriverManager.getConnection(System.getProperty("bench.db-url", "jdbc:postgresql://127.0.0.1:"
                        + System.getenv().getOrDefault("THREADMARK_PG_PORT", "5432") + "/threadmark_bench"),
                System.getProperty("bench.db-user", "threadmark"), System.getProperty("bench.db-password", "threadmark"))) {
            List<long[]> crowd = createCrowd(db, solutions.getFirst());
            long t0 = System.nanoTime();
            List<String> cookies = login();
            long loginMillis = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            List<LiveStream> pages = LIVE ? openPages(crowd, cookies) : new ArrayList<>(Collections.nCopies(STUDENTS, null));
            long openMillis = (System.nanoTime() - t0) / 1_000_000;
            try {
                double quietPerSecond = quiet(db);
                deadlineMinute(db, crowd, cookies, pages, solutions, loginMillis, openMillis, quietPerSecond);
            } finally {
                pages.stream().filter(java.util.Objects::nonNull).forEach(LiveStream::close);
                try (Statement sql = db.createStatement()) {
                    // What workers have not graded yet of the crowd's gradings is taken off the queue.
                    sql.executeUpdate("update grading set status = 'ERROR', finished_at = now(), lease_owner = null"
                            + " where status in ('QUEUED', 'WAITING', 'RUNNING') and submission_id in (select s.id from"
                            + " submission s join app_user u on u.id = s.user_id where u.username like '" + PREFIX + "%')");
                }
            }
        }
    }

    /** Students with one earlier submission each, its provisional result to be measured again in an hour. */
    private List<long[]> createCrowd(Connection db, Map<String, String> files) throws SQLException, IOException {
        String hash = BcryptUtil.bcryptHash(PASSWORD, 4);
        try (Statement sql = db.createStatement()) {
            sql.executeUpdate("update grading set status = 'ERROR', finished_at = now(), lease_owner = null"
                    + " where status in ('QUEUED', 'WAITING') and submission_id in (select s.id from submission s"
                    + " join app_user u on u.id = s.user_id where u.username like '" + PREFIX + "%')");
        }
        try (PreparedStatement users = db.prepareStatement("insert into app_user (username, password_hash, role)"
                + " select ? || g, ?, 'STUDENT' from generate_series(0, ? - 1) g on conflict (username) do nothing")) {
            users.setString(1, PREFIX);
            users.setString(2, hash);
            users.setInt(3, STUDENTS);
            users.executeUpdate();
        }
        String crowdUsers = "u.username like '" + PREFIX + "%' and substring(u.username from 7)::int < " + STUDENTS;
        try (PreparedStatement submissions = db.prepareStatement("insert into submission (user_id, exercise_id, files,"
                + " practice) select u.id, e.id, ?::jsonb, true from app_user u, (select id from exercise where slug ="
                + " 'race-counter' order by version desc limit 1) e where " + crowdUsers
                + " order by substring(u.username from 7)::int returning id")) {
            submissions.setString(1, JSON.writeValueAsString(files));
            submissions.execute();
        }
        try (Statement sql = db.createStatement()) {
            sql.executeUpdate("insert into grading (submission_id, exercise_id, status, started_at, score, max_score,"
                    + " remeasure_at, outcome) select distinct on (s.user_id) s.id, s.exercise_id, 'WAITING', now(), 80, 100,"
                    + " now() + interval '1 hour', 'TESTED' from submission s join app_user u on u.id = s.user_id"
                    + " where " + crowdUsers + " order by s.user_id, s.id desc");
            List<long[]> crowd = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("select g.submission_id, g.id from grading g join submission s on"
                    + " s.id = g.submission_id join app_user u on u.id = s.user_id where " + crowdUsers
                    + " and g.status = 'WAITING' order by substring(u.username from 7)::int")) {
                while (rows.next()) {
                    crowd.add(new long[] {rows.getLong(1), rows.getLong(2)});
                }
            }
            if (crowd.size() != STUDENTS) {
                throw new IllegalStateException("the crowd has " + crowd.size() + " waiting submissions, not " + STUDENTS);
            }
            return crowd;
        }
    }

    private List<String> login() throws Exception {
        try (ExecutorService browsers = Executors.newFixedThreadPool(8)) {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < STUDENTS; i++) {
                String form = "j_username=" + URLEncoder.encode(PREFIX + i, StandardCharsets.UTF_8) + "&j_password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
                logins.add(browsers.submit(() -> {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
                    if (!response.headers().firstValue("location").orElse("").endsWith("/exercises")) {
                        throw new IllegalStateException("login refused: " + response.statusCode());
                    }
                    return response.headers().allValues("set-cookie").stream().map(c -> c.split(";", 2)[0])
                            .filter(c -> c.indexOf('=') < c.length() - 1).collect(Collectors.joining("; "));
                }));
            }
            List<String> cookies = new ArrayList<>();
            for (Future<String> login : logins) {
                cookies.add(login.get(5, TimeUnit.MINUTES));
            }
            return cookies;
        }
    }

    private List<LiveStream> openPages(List<long[]> crowd, List<String> cookies) throws Exception {
        try (ExecutorService browsers = Executors.newFixedThreadPool(16)) {
            List<Future<LiveStream>> opened = new ArrayList<>();
            for (int i = 0; i < STUDENTS; i++) {
                long submission = crowd.get(i)[0];
                String cookie = cookies.get(i);
                opened.add(browsers.submit(() -> follow(submission, cookie)));
            }
            List<LiveStream> pages = new ArrayList<>();
            for (Future<LiveStream> page : opened) {
                pages.add(page.get(5, TimeUnit.MINUTES));
            }
            for (LiveStream page : pages) {
                if (page.status == 200 && page.next(30) == null) {
                    errors.add("a live page sent no first status within 30 s");
                }
            }
            return pages;
        }
    }

    /** Opens a live page's stream; a refusal is counted and the page stays without one. */
    private LiveStream follow(long submission, String cookie) throws IOException {
        LiveStream stream = LiveStream.open(port, "/submissions/" + submission + "/events", cookie);
        if (stream.status == 429) {
            tooMany.incrementAndGet();
        } else if (stream.status != 200) {
            errors.add("live status of " + submission + ": HTTP " + stream.status);
        }
        return stream;
    }

    /** Database transactions per second while every page is open and nothing changes. */
    private double quiet(Connection db) throws Exception {
        Thread.sleep(STATS_LAG_MILLIS);
        long before = transactions(db);
        Thread.sleep(10_000 + STATS_LAG_MILLIS);
        return Math.max(0, transactions(db) - before - 1) / 10.0;
    }

    private void deadlineMinute(Connection db, List<long[]> crowd, List<String> cookies, List<LiveStream> pages,
                                List<Map<String, String>> solutions, long loginMillis, long openMillis,
                                double quietPerSecond) throws Exception {
        Random random = new Random(19);
        Map<Long, Long> doneHeardAt = new ConcurrentHashMap<>();
        Map<Long, String> submitted = new ConcurrentHashMap<>();
        long before = transactions(db);
        long changesBefore = gradingChanges(db);
        long start = System.nanoTime();
        long windowEnd = start + TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
        long gradedBy = windowEnd + TimeUnit.SECONDS.toNanos(GRADED_WITHIN_SECONDS);
        Thread standIn = STAND_IN_PER_SECOND > 0 ? Thread.ofPlatform().daemon().start(() -> standIn(gradedBy)) : null;
        try (ExecutorService students = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < STUDENTS; i++) {
                int n = i;
                long submitAt = n < SUBMITTERS ? start + (long) (random.nextDouble() * TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)) : -1;
                long seed = random.nextLong();
                students.submit(() -> {
                    student(n, seed, submitAt, windowEnd, crowd.get(n)[0], cookies.get(n), pages, solutions,
                            submitted, doneHeardAt, gradedBy);
                    return null;
                });
            }
        }
        // The submitters' pages wait for their results (the workers, or the stand-in, finish the queue).
        while (System.nanoTime() < gradedBy && graded(db, submitted.keySet()) < submitted.size()) {
            Thread.sleep(1000);
        }
        Thread.sleep(1000);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        if (standIn != null) {
            standIn.interrupt();
        }
        Thread.sleep(STATS_LAG_MILLIS);
        long statements = transactions(db) - before;
        long changed = gradingChanges(db) - changesBefore;
        List<Long> delays = new ArrayList<>();
        int graded = 0;
        try (Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("select g.submission_id, g.status, extract(epoch from g.finished_at) * 1000"
                     + " from grading g where g.submission_id in (" + (submitted.isEmpty() ? "0"
                     : submitted.keySet().stream().map(String::valueOf).collect(Collectors.joining(","))) + ")")) {
            while (rows.next()) {
                if (rows.getString(2).equals("DONE") || rows.getString(2).equals("ERROR")) {
                    graded++;
                    Long heard = doneHeardAt.get(rows.getLong(1));
                    if (heard != null) {
                        delays.add(Math.max(0, heard - (long) rows.getDouble(3)));
                    }
                }
            }
        }
        Stats page = Stats.of(pageMillis);
        Stats api = Stats.of(apiMillis);
        Stats submit = Stats.of(submitMillis);
        Stats delivery = Stats.of(delays);
        String body = String.join("\n",
                STUDENTS + " students logged in through the form (" + loginMillis + " ms) and opened a live result page"
                        + " each (" + openMillis + " ms); " + SUBMITTERS + " submitted race-counter within "
                        + WINDOW_SECONDS + " s, then loaded and followed their new result page; every student read a"
                        + " page or the API about every " + READ_EVERY_SECONDS + " s."
                        + (STAND_IN_PER_SECOND > 0 ? " **No grading workers: a stand-in claimed and finished "
                        + STAND_IN_PER_SECOND + " gradings a second by SQL.**" : ""),
                "",
                "| | p50 | p95 | max | n |",
                "| --- | --- | --- | --- | --- |",
                row("pages (result page, exercise page), ms", page),
                row("API (a submission, the exercise), ms", api),
                row("API submit, ms", submit),
                row("live status: grading finished → its page heard it, ms", delivery),
                "",
                "| | |",
                "| --- | --- |",
                "| live pages open | " + (LIVE ? STUDENTS + " (then the submitters' new ones)" : "none (bench.crowd-live=false)") + " |",
                "| database transactions / s, every page open, nothing changing | " + fmt(quietPerSecond) + " |",
                "| grading changes during the run (" + elapsedMillis / 1000 + " s: queued, started, finished) | " + changed + " |",
                "| live status's reads / s during the run, at most (one of the changed grading, one shared of the queue,"
                        + " per change; the test proves it) | " + (LIVE ? fmt(2.0 * changed * 1000 / elapsedMillis) : "none") + " |",
                "| all database transactions / s during the run (pages, API, submissions, workers, live status) | "
                        + fmt(statements * 1000.0 / elapsedMillis) + " |",
                "| HTTP requests during the run (not counting the streams) | " + requests.get() + " |",
                "| submissions graded / sent | " + graded + " / " + submitted.size() + " |",
                "| 429 (too many live pages) / errors | " + tooMany.get() + " / " + errors.size() + " |");
        if (!errors.isEmpty()) {
            body += "\n\nFirst errors: " + errors.stream().limit(5).collect(Collectors.joining("; "));
        }
        report.section("Deadline night: " + STUDENTS + (LIVE ? " open pages, " : " students (no live page), ") + SUBMITTERS + " submitting within "
                + WINDOW_SECONDS + " s", body);
    }

    /** One student's minute: reads at random, and for a submitter one submission followed to its result. */
    private void student(int n, long seed, long submitAt, long windowEnd, long earlier, String cookie,
                         List<LiveStream> pages, List<Map<String, String>> solutions, Map<Long, String> submitted,
                         Map<Long, Long> doneHeardAt, long gradedBy) throws InterruptedException {
        Random random = new Random(seed);
        String user = PREFIX + n;
        long shown = earlier;
        long nextRead = System.nanoTime() + (long) (random.nextDouble() * TimeUnit.SECONDS.toNanos(READ_EVERY_SECONDS));
        while (true) {
            long now = System.nanoTime();
            long next = Math.min(nextRead, submitAt > 0 ? submitAt : Long.MAX_VALUE);
            if (next >= windowEnd) {
                break;
            }
            if (next > now) {
                TimeUnit.NANOSECONDS.sleep(next - now);
            }
            try {
                if (submitAt > 0 && next == submitAt) {
                    submitAt = -1;
                    long t0 = System.nanoTime();
                    HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(base + "/api/exercises/race-counter/submissions"))
                            .header("Authorization", basic(user)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                    Map.of("files", solutions.get(n % solutions.size()))))).build(), submitMillis, t0);
                    if (reply.statusCode() != 202) {
                        continue;
                    }
                    shown = JSON.readTree(reply.body()).get("id").asLong();
                    submitted.put(shown, user);
                    // The browser goes to the new result page: it loads, and its stream replaces the old page's.
                    get(URI.create(base + "/submissions/" + shown), cookie, null, pageMillis);
                    if (LIVE) {
                        pages.get(n).close();
                        LiveStream stream = follow(shown, cookie);
                        pages.set(n, stream);
                        long id = shown;
                        Thread.ofVirtual().start(() -> awaitDone(stream, id, doneHeardAt, gradedBy));
                    }
                } else {
                    nextRead = System.nanoTime() + (long) ((0.5 + random.nextDouble()) * TimeUnit.SECONDS.toNanos(READ_EVERY_SECONDS));
                    switch (random.nextInt(4)) {
                        case 0 -> get(URI.create(base + "/submissions/" + shown), cookie, null, pageMillis);
                        case 1 -> get(URI.create(base + "/exercises/race-counter"), cookie, null, pageMillis);
                        case 2 -> get(URI.create(base + "/api/submissions/" + shown), null, user, apiMillis);
                        default -> get(URI.create(base + "/api/exercises/race-counter"), null, user, apiMillis);
                    }
                }
            } catch (IOException e) {
                errors.add(user + ": " + e.getMessage());
            }
        }
    }

    private void awaitDone(LiveStream stream, long id, Map<Long, Long> doneHeardAt, long gradedBy) {
        try {
            while (System.nanoTime() < gradedBy) {
                LiveStream.Event event = stream.next(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(gradedBy - System.nanoTime())));
                if (event == null) {
                    return;
                }
                String status = JSON.readTree(event.json()).path("status").asText();
                if (status.equals("DONE") || status.equals("ERROR")) {
                    doneHeardAt.put(id, event.receivedAt());
                    return;
                }
            }
        } catch (InterruptedException | IOException e) {
            errors.add("following " + id + ": " + e.getMessage());
        }
    }

    private void get(URI uri, String cookie, String user, List<Long> millis) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept-Encoding", "identity");
        if (cookie != null) {
            request.header("Cookie", cookie).header("Accept", "text/html");
        } else {
            request.header("Authorization", basic(user)).header("Accept", "application/json");
        }
        HttpResponse<String> reply = send(request.GET().build(), millis, System.nanoTime());
        if (reply.statusCode() != 200) {
            errors.add(uri.getPath() + ": HTTP " + reply.statusCode());
        }
    }

    private HttpResponse<String> send(HttpRequest request, List<Long> millis, long t0) throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        millis.add((System.nanoTime() - t0) / 1_000_000);
        requests.incrementAndGet();
        if (reply.statusCode() == 429) {
            tooMany.incrementAndGet();
        } else if (reply.statusCode() >= 400 && request.method().equals("POST")) {
            errors.add(request.uri().getPath() + ": HTTP " + reply.statusCode() + " " + reply.body());
        }
        return reply;
    }

    /** Stands in for a worker on a server without any: claims the queue's head and finishes it, by SQL. */
    private void standIn(long until) {
        long pause = (long) (1000 / STAND_IN_PER_SECOND);
        try (Connection db = DriverManager.getConnection(System.getProperty("bench.db-url", "jdbc:postgresql://127.0.0.1:"
                        + System.getenv().getOrDefault("THREADMARK_PG_PORT", "5432") + "/threadmark_bench"),
                System.getProperty("bench.db-user", "threadmark"), System.getProperty("bench.db-password", "threadmark"));
             Statement sql = db.createStatement()) {
            while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
                try (ResultSet head = sql.executeQuery("update grading set status = 'RUNNING', started_at = now(),"
                        + " attempts = 1, lease_owner = 'stand-in', lease_expires_at = now() + interval '1 hour'"
                        + " where id = (select id from grading where status = 'QUEUED' order by priority, id limit 1)"
                        + " returning id")) {
                    if (head.next()) {
                        long id = head.getLong(1);
                        Thread.sleep(pause);
                        sql.executeUpdate("update grading set status = 'DONE', finished_at = now(), score = 100,"
                                + " max_score = 100, outcome = 'TESTED', lease_owner = null where id = " + id);
                    } else {
                        Thread.sleep(pause);
                    }
                }
            }
        } catch (SQLException e) {
            errors.add("stand-in: " + e.getMessage());
        } catch (InterruptedException e) {
            // the run is over
        }
    }

    private static int graded(Connection db, java.util.Set<Long> submissions) throws SQLException {
        if (submissions.isEmpty()) {
            return 0;
        }
        try (Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("select count(*) from grading where status in ('DONE', 'ERROR')"
                     + " and submission_id in (" + submissions.stream().map(String::valueOf).collect(Collectors.joining(","))
                     + ")")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Transactions committed in the benchmark's database, as PostgreSQL counts them. */
    private static long transactions(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Grading changes so far that the database announces to live pages: each grading's queuing, start and finish. */
    private static long gradingChanges(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("select count(*) + count(started_at) + count(finished_at) from grading")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Map<String, String> solution(String folder) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> paths = Files.list(Path.of("exercises", "race-counter", "solutions", folder))) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        return files;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String row(String what, Stats stats) {
        return "| " + what + " | " + stats.p50() + " | " + stats.p95() + " | " + stats.max() + " | " + stats.count() + " |";
    }

    private static String fmt(double value) {
        return String.format("%.1f", value);
    }
}
