package threadmark.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import threadmark.grading.GradeReport;
import threadmark.lti.platform.PlatformServices;
import threadmark.submission.ClaimedJob;
import threadmark.submission.Grading;
import threadmark.submission.GradingQueue;
import threadmark.submission.QueueOnlyProfile;
import threadmark.user.User;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static threadmark.testing.Api.instructor;
import static threadmark.testing.Api.submit;

/**
 * Grade passback end to end: a grading finishes through the real queue, the outbox row is written, the sender gets a
 * token from the test LMS's token endpoint with a signed assertion and posts the score to the line item over HTTP,
 * where the LMS checks it as a platform would. Gradings are finished by hand through {@link GradingQueue} (no
 * sandbox), as the queue's own tests do.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class ScorePassbackTest {

    private static final Map<String, String> RACY = Map.of("Counter.java", "public class Counter { int n; }");
    private static PlatformServices lms;

    @Inject
    GradingQueue queue;

    @Inject
    ScoreOutbox outbox;

    @Inject
    ToolKeys toolKeys;

    @BeforeAll
    static void startLms() throws Exception {
        lms = new PlatformServices("threadmark-client", ScorePassbackTest::ourKeySet);
    }

    @AfterAll
    static void stopLms() {
        lms.close();
    }

    /** Our published key set, as a platform fetches it; the keys as stored while the server publishes none. */
    private static String ourKeySet() {
        var published = given().get("/.well-known/jwks.json");
        if (published.statusCode() == 200) {
            return published.asString();
        }
        return io.quarkus.arc.Arc.container().instance(ToolKeys.class).get().keySetJson();
    }

    /** Finishes the newest grading of a submission with this score, as a worker would. */
    private void grade(long submission, double score) throws InterruptedException {
        assertThat(queue.complete(claim(submission), report(score))).isTrue();
    }

    /** Claims the newest grading of a submission as a worker would, once it is due; other jobs go back. */
    private ClaimedJob claim(long submission) throws InterruptedException {
        long grading = QuarkusTransaction.requiringNew().call(() ->
                Grading.<Grading>find("submission.id = ?1 order by id desc", submission).firstResult().id);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<ClaimedJob> others = new ArrayList<>();
            try {
                for (Optional<ClaimedJob> job = queue.claim("lti-test"); job.isPresent(); job = queue.claim("lti-test")) {
                    if (job.get().gradingId() == grading) {
                        return job.get();
                    }
                    others.add(job.get());
                }
            } finally {
                others.forEach(queue::release);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("grading " + grading + " never became due");
    }

    /** A run on a busy host: half the points so far, one test to be measured again. */
    private static GradeReport busyReport() {
        List<GradeReport.TestVerdict> tests = List.of(
                new GradeReport.TestVerdict("CounterTest#speedup", "speedup()", GradeReport.Status.UNMEASURED, 0, 50,
                        false, threadmark.grading.Unmeasured.waitingMessage("Inconclusive measurement: busy"), null, 5),
                new GradeReport.TestVerdict("CounterTest#counts", "counts()", GradeReport.Status.PASSED, 50, 50,
                        true, null, null, 5));
        return new GradeReport(GradeReport.Outcome.TESTED, "50 of 100 so far", 50, 100, List.of(), tests, "",
                Map.of("runMillis", 1L));
    }

    private static GradeReport report(double score) {
        return new GradeReport(GradeReport.Outcome.TESTED, "test", score, 100, List.of(),
                List.of(new GradeReport.TestVerdict("CounterRaceTest#noLostUpdatesUnderContention",
                        "noLostUpdatesUnderContention()", score == 100 ? GradeReport.Status.PASSED
                        : GradeReport.Status.FAILED, score, 100, false, null, null, 5)),
                "", Map.of("runMillis", 1L));
    }

    private static ScorePost row(LinkedCourse course, String username) {
        return QuarkusTransaction.requiringNew().call(() -> ScorePost.<ScorePost>find(
                "resourceLink.id = ?1 and user.username = ?2", course.linkId(), username).firstResultOptional()
                .orElse(null));
    }

    private static List<PlatformServices.Score> received(String subject) {
        return lms.scoresByUser().getOrDefault(subject, List.of());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aGradingThatChangesTheCountedScoreIsPostedOnceWithTheClaimsAPlatformChecks() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-once", lms, "11");
        String ann = course.student("lti-once-ann", "sub-ann-11");
        int tokensBefore = lms.tokensIssued();

        long first = submit("lti-once-ann", "race-counter", RACY);
        grade(first, 20);
        ScorePost queued = row(course, "lti-once-ann");
        assertThat(queued).as("the outbox row is written when the grading commits").isNotNull();
        assertThat(queued.scoreGiven).isEqualTo(20.0);
        assertThat(queued.scoreMaximum).isEqualTo(100.0);
        await("the LMS has Ann's 20", () -> received(ann).size() == 1);
        PlatformServices.Score score = received(ann).getFirst();
        assertThat(score.lineItem()).isEqualTo("11");
        assertThat(score.query()).as("the line item's query string kept").isEqualTo("type_id=11");
        assertThat(score.scoreGiven()).isEqualTo(20.0);
        assertThat(score.scoreMaximum()).isEqualTo(100.0);
        assertThat(score.activityProgress()).isEqualTo("Completed");
        assertThat(score.gradingProgress()).isEqualTo("FullyGraded");
        await("the row is SENT", () -> row(course, "lti-once-ann").status == ScorePost.Status.SENT);
        ScorePost sent = row(course, "lti-once-ann");
        assertThat(score.timestamp()).isEqualTo(sent.changedAt.truncatedTo(ChronoUnit.MILLIS));
        assertThat(sent.attempts).isEqualTo(1);
        assertThat(sent.lastStatus).isEqualTo(204);
        assertThat(sent.sentAt).isNotNull();

        // A better submission raises the score that counts; a worse one, under BEST, changes nothing and posts nothing.
        long second = submit("lti-once-ann", "race-counter", RACY);
        grade(second, 100);
        await("the LMS has Ann's 100", () -> received(ann).size() == 2);
        assertThat(received(ann).getLast().scoreGiven()).isEqualTo(100.0);
        long third = submit("lti-once-ann", "race-counter", RACY);
        grade(third, 40);
        assertThat(outbox.reconcile()).as("nothing was missed").isZero();
        Thread.sleep(1500); // time for a post, were one made
        assertThat(received(ann)).as("a score that does not count is not posted").hasSize(2);
        assertThat(lms.tokensIssued() - tokensBefore).as("one token served every post").isEqualTo(1);

        // A regrade that lowers the best submission sends the new best.
        instructor().contentType(ContentType.JSON).post("/api/submissions/" + second + "/regrades").then()
                .statusCode(202);
        grade(second, 60);
        await("the LMS has the regraded 60", () -> received(ann).size() == 3);
        assertThat(received(ann).getLast().scoreGiven()).isEqualTo(60.0);

        // A late penalty: the deadline moves into the past at 50 % a day; every submission was one day late.
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", Instant.now().minus(Duration.ofHours(30))
                        .plus(Duration.ofHours(7)).toString(), "latePenaltyPerDay", 50))
                .put("/api/courses/" + course.slug() + "/assignments/race-counter").then().statusCode(200);
        await("the LMS has the penalised 30", () -> received(ann).size() == 4);
        assertThat(received(ann).getLast().scoreGiven()).isEqualTo(30.0);
        // The course counts the last graded submission instead: the third (40), late, is worth 20.
        instructor().contentType(ContentType.JSON).body(Map.of("counting", "LAST"))
                .patch("/api/courses/" + course.slug()).then().statusCode(200);
        await("the LMS has the last submission's 20", () -> received(ann).size() == 5);
        assertThat(received(ann).getLast().scoreGiven()).isEqualTo(20.0);
        assertThat(received(ann)).extracting(PlatformServices.Score::timestamp).isSorted();
    }

    @Test
    void anLmsDownForAWhileThenBackReceivesEveryScoreOnceWithTheNewestValue() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-down", lms, "21");
        List<String> students = List.of("lti-down-a", "lti-down-b", "lti-down-c");
        List<String> subjects = new ArrayList<>();
        for (String s : students) {
            subjects.add(course.student(s, "sub-" + s));
        }
        lms.down(true);
        int refusedBefore = lms.unavailable();
        List<Long> submissions = new ArrayList<>();
        for (String s : students) {
            long id = submit(s, "race-counter", RACY);
            submissions.add(id);
            grade(id, 20);
        }
        for (String s : students) {
            await(s + "'s score has been retried", () -> {
                ScorePost row = row(course, s);
                return row.attempts >= 2 && row.status == ScorePost.Status.PENDING;
            });
        }
        ScorePost waiting = row(course, students.get(1));
        assertThat(waiting.lastStatus).isEqualTo(503);
        assertThat(waiting.lastResponse).contains("503");
        assertThat(waiting.nextAttemptAt).isAfter(waiting.lastAttemptAt);
        // While the LMS is down, A does better: the row keeps only the newest score.
        long better = submit(students.getFirst(), "race-counter", RACY);
        grade(better, 100);
        assertThat(row(course, students.getFirst()).scoreGiven).isEqualTo(100.0);
        int refusedWhileDown = lms.unavailable() - refusedBefore;

        lms.down(false);
        for (String s : students) {
            await(s + "'s score is SENT", () -> row(course, s).status == ScorePost.Status.SENT);
        }
        Map<String, List<PlatformServices.Score>> received = lms.scoresByUser();
        for (String subject : subjects) {
            assertThat(received.get(subject)).as("scores of " + subject).hasSize(1);
        }
        assertThat(received.get(subjects.get(0)).getFirst().scoreGiven()).isEqualTo(100.0);
        assertThat(received.get(subjects.get(1)).getFirst().scoreGiven()).isEqualTo(20.0);
        assertThat(received.get(subjects.get(2)).getFirst().scoreGiven()).isEqualTo(20.0);
        int retries = students.stream().mapToInt(s -> row(course, s).attempts - 1).sum();
        assertThat(refusedWhileDown).isGreaterThanOrEqualTo(6);
        System.out.printf("lti outbox figures: LMS down: %d requests answered 503; %d scores sent, %d retries recorded "
                        + "on the rows, duplicates %d%n", refusedWhileDown, received.values().stream()
                        .filter(l -> subjects.contains(l.getFirst().userId())).mapToInt(List::size).sum(), retries,
                subjects.stream().mapToInt(sub -> received.get(sub).size() - 1).sum());
    }

    @Test
    void aScoreTheLmsRefusesIsFailedWithItsAnswerShownToStaffAndSentAgainOnRequest() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-refused", lms, "31");
        String sub = course.student("lti-refused-sue", "sub-refused-sue");
        lms.refuseNextScores(1, "{\"error\":\"userId is not a member of this course\"}");
        grade(submit("lti-refused-sue", "race-counter", RACY), 20);
        await("the row FAILED", () -> row(course, "lti-refused-sue").status == ScorePost.Status.FAILED);
        ScorePost failed = row(course, "lti-refused-sue");
        assertThat(failed.lastStatus).isEqualTo(400);
        assertThat(failed.lastResponse).contains("userId is not a member of this course");
        assertThat(failed.attempts).isEqualTo(1);
        assertThat(received(sub)).isEmpty();

        var api = instructor().get("/api/courses/lti-refused/score-posts").then().statusCode(200).extract();
        assertThat(api.jsonPath().getLong("failed")).isEqualTo(1);
        assertThat(api.jsonPath().getString("scores[0].status")).isEqualTo("FAILED");
        assertThat(api.jsonPath().getString("scores[0].student")).isEqualTo("lti-refused-sue");
        assertThat(api.jsonPath().getString("scores[0].lastResponse")).contains("not a member of this course");
        var staff = threadmark.web.BrowserSession.login("instructor", "instructor");
        assertThat(staff.get("/staff/courses/lti-refused").asString()).as("the course page links the outbox")
                .contains("href=\"/staff/lms/lti-refused\"");
        String page = staff.get("/staff/lms/lti-refused").then().statusCode(200).extract().asString();
        assertThat(page).contains("lti-refused-sue", "not a member of this course", "id=\"retry-" + failed.id + "\"");
        var russian = threadmark.web.BrowserSession.login("instructor", "instructor");
        russian.get("/language/ru?back=/staff/lms/lti-refused");
        assertThat(russian.get("/staff/lms/lti-refused").then().statusCode(200).extract().asString())
                .contains("LMS: отправленные оценки", "не принята", "Отправить снова");
        for (String shown : List.of(api.asString(), page)) {
            assertThat(shown).as("no token or assertion shown").doesNotContain("Bearer").doesNotContain("eyJ");
        }

        // Staff of another course and students may neither read nor retry, and nothing changes.
        threadmark.testing.Api.student("lti-refused-other");
        threadmark.testing.Api.account("lti-refused-stranger", "INSTRUCTOR");
        threadmark.testing.Api.as("lti-refused-other").get("/api/courses/lti-refused/score-posts").then()
                .statusCode(403);
        threadmark.testing.Api.as("lti-refused-stranger").get("/api/courses/lti-refused/score-posts").then()
                .statusCode(403).body("error", org.hamcrest.Matchers.containsString("you hold no role in course"));
        threadmark.testing.Api.as("lti-refused-stranger")
                .contentType(ContentType.JSON).post("/api/courses/lti-refused/score-posts/" + failed.id + "/retries")
                .then().statusCode(403);
        threadmark.testing.Api.as("lti-refused-other")
                .contentType(ContentType.JSON).post("/api/courses/lti-refused/score-posts/" + failed.id + "/retries")
                .then().statusCode(403);
        instructor().contentType(ContentType.JSON).post("/api/courses/lti-once/score-posts/" + failed.id + "/retries")
                .then().statusCode(404);
        Thread.sleep(1500);
        assertThat(row(course, "lti-refused-sue").status).as("still FAILED").isEqualTo(ScorePost.Status.FAILED);
        assertThat(received(sub)).isEmpty();

        instructor().contentType(ContentType.JSON).post("/api/courses/lti-refused/score-posts/" + failed.id + "/retries")
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"));
        await("the retried score is SENT", () -> row(course, "lti-refused-sue").status == ScorePost.Status.SENT);
        assertThat(received(sub)).hasSize(1);
        instructor().contentType(ContentType.JSON).post("/api/courses/lti-refused/score-posts/" + failed.id + "/retries")
                .then().statusCode(409)
                .body("error", org.hamcrest.Matchers.containsString("only a FAILED score"));
    }

    @Test
    void aRevokedTokenIsDroppedAndOneNewTokenIsFetched() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-revoked", lms, "41");
        String sub = course.student("lti-revoked-rae", "sub-revoked-rae");
        grade(submit("lti-revoked-rae", "race-counter", RACY), 20);
        await("the first score arrives", () -> received(sub).size() == 1);
        int tokens = lms.tokensIssued();
        lms.revokeTokens();
        grade(submit("lti-revoked-rae", "race-counter", RACY), 70);
        await("the second score arrives", () -> received(sub).size() == 2);
        assertThat(lms.tokensIssued()).as("one new token after the 401").isEqualTo(tokens + 1);
        assertThat(lms.refusals()).anyMatch(r -> r.status() == 401 && r.path().equals("/lineitems/41/lineitem/scores"));
        await("the row is SENT", () -> row(course, "lti-revoked-rae").status == ScorePost.Status.SENT);
        assertThat(row(course, "lti-revoked-rae").attempts).as("the 401 and its retry are one attempt").isEqualTo(1);
    }

    @Test
    void theReconciliationSendsScoresOfALinkMadeAfterTheGrading() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-late-link", lms, "51");
        String sub = course.student("lti-late-lou", "sub-late-lou");
        QuarkusTransaction.requiringNew().run(() -> LtiResourceLink.update("lineItemUrl = null where id = ?1",
                course.linkId()));
        grade(submit("lti-late-lou", "race-counter", RACY), 40);
        assertThat(row(course, "lti-late-lou")).as("no line item, nothing to send").isNull();
        QuarkusTransaction.requiringNew().run(() -> LtiResourceLink.update("lineItemUrl = ?1 where id = ?2",
                lms.lineItemUrl("51"), course.linkId()));
        assertThat(outbox.reconcile()).isEqualTo(1);
        await("the reconciled score arrives", () -> received(sub).size() == 1);
        assertThat(received(sub).getFirst().scoreGiven()).isEqualTo(40.0);
        assertThat(outbox.reconcile()).isZero();
    }

    @Test
    void aTokenEndpointThatRefusesUsLeavesItsReasonAndNoSecretOnTheRow() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-no-token", lms, "71");
        String sub = course.student("lti-no-token-ned", "sub-no-token-ned");
        course.student("lti-no-token-kim", "sub-no-token-kim");
        threadmark.testing.Api.student("lti-no-token-unknown");
        instructor().contentType(ContentType.JSON).body(Map.of("username", "lti-no-token-unknown"))
                .post("/api/courses/lti-no-token/students").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> LtiPlatform.update("clientId = 'not-our-client-id' where id = ?1",
                course.platformId()));
        grade(submit("lti-no-token-ned", "race-counter", RACY), 20);
        grade(submit("lti-no-token-unknown", "race-counter", RACY), 20);
        await("the row FAILED", () -> row(course, "lti-no-token-ned").status == ScorePost.Status.FAILED);
        ScorePost failed = row(course, "lti-no-token-ned");
        assertThat(failed.lastStatus).isEqualTo(401);
        assertThat(failed.lastResponse).contains("the token endpoint", "answered 401", "invalid_client")
                .doesNotContain("eyJ");
        assertThat(received(sub)).isEmpty();
        assertThat(row(course, "lti-no-token-unknown")).as("a student the LMS never named gets no row").isNull();
        assertThat(row(course, "lti-no-token-kim")).as("nothing counts for Kim yet").isNull();
    }

    @Test
    void aNewerScoreArrivingWhileTheOlderIsBeingPostedIsSentAfterIt() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-race", lms, "81");
        String sub = course.student("lti-race-rui", "sub-race-rui");
        var release = lms.holdNextScore();
        grade(submit("lti-race-rui", "race-counter", RACY), 20);
        assertThat(lms.awaitHeld(Duration.ofSeconds(20))).as("the 20 is being posted").isTrue();
        grade(submit("lti-race-rui", "race-counter", RACY), 100);
        release.countDown();
        await("the 100 follows the 20", () -> received(sub).size() == 2);
        assertThat(received(sub)).extracting(PlatformServices.Score::scoreGiven).containsExactly(20.0, 100.0);
        await("the row is SENT", () -> row(course, "lti-race-rui").status == ScorePost.Status.SENT);
        ScorePost sent = row(course, "lti-race-rui");
        assertThat(sent.scoreGiven).isEqualTo(100.0);
        assertThat(sent.version).isEqualTo(2);
        Thread.sleep(1500);
        assertThat(received(sub)).as("nothing sent twice").hasSize(2);
    }

    /** Several senders (threads here, server processes in production) claim disjoint rows: none is posted twice. */
    @Test
    void concurrentSendersClaimDisjointScores() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-claims", lms, "91");
        List<Long> ids = QuarkusTransaction.requiringNew().call(() -> {
            LtiResourceLink link = LtiResourceLink.findById(course.linkId());
            List<Long> made = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ScorePost post = new ScorePost();
                post.resourceLink = link;
                post.user = User.create("lti-claims-" + i, "unused-password-" + i, threadmark.user.Role.STUDENT);
                post.scoreGiven = 50.0;
                post.scoreMaximum = 100;
                post.changedAt = Instant.now();
                post.nextAttemptAt = Instant.now().plus(Duration.ofHours(1));
                post.persist();
                made.add(post.id);
            }
            return made;
        });
        QuarkusTransaction.requiringNew().run(() -> ScorePost.update("nextAttemptAt = ?1 where id in ?2",
                Instant.now().minusSeconds(1), ids));
        ScoreSender sender = io.quarkus.arc.Arc.container().instance(ScoreSender.class).get();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<Long>>> claims = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claims.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (var batch = sender.claim(); !batch.isEmpty(); batch = sender.claim()) {
                        batch.forEach(c -> mine.add(c.id()));
                    }
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (var claim : claims) {
                all.addAll(claim.get());
            }
            assertThat(all).as("no row claimed twice").doesNotHaveDuplicates();
            assertThat(all).as("the senders shared the work").isNotEmpty();
            assertThat(all).as("nothing else woke this process's sender: the test's threads took every row")
                    .containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            pool.shutdownNow();
            QuarkusTransaction.requiringNew().run(() -> ScorePost.delete("id in ?1", ids));
        }
    }

    @Test
    void aProvisionalResultIsPostedAsPendingUntilItIsMeasuredAgain() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-busy", lms, "101");
        String sub = course.student("lti-busy-bo", "sub-busy-bo");
        grade(submit("lti-busy-bo", "race-counter", RACY), 20);
        await("the 20 arrives", () -> received(sub).size() == 1);
        assertThat(received(sub).getFirst().gradingProgress()).isEqualTo("FullyGraded");

        long busy = submit("lti-busy-bo", "race-counter", RACY);
        assertThat(queue.awaitFairMeasurement(claim(busy), busyReport())).isTrue();
        await("the LMS hears the grade may change", () -> received(sub).size() == 2);
        assertThat(received(sub).get(1).gradingProgress()).isEqualTo("Pending");
        assertThat(received(sub).get(1).scoreGiven()).as("a provisional result does not count yet").isEqualTo(20.0);

        grade(busy, 100);
        await("the measured 100 arrives", () -> received(sub).size() == 3);
        assertThat(received(sub).get(2).gradingProgress()).isEqualTo("FullyGraded");
        assertThat(received(sub).get(2).scoreGiven()).isEqualTo(100.0);
    }

    @Test
    void scoresGoToTheLineItemPathWithItsQueryKept() {
        assertThat(ScoreSender.scoresUrl("https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=3"))
                .hasToString("https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=3");
        assertThat(ScoreSender.scoresUrl("https://canvas.example/api/lti/courses/1/line_items/5/"))
                .hasToString("https://canvas.example/api/lti/courses/1/line_items/5/scores");
    }
}
