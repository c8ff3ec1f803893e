package threadmark.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.course.CourseRole;
import threadmark.course.CourseStaff;
import threadmark.lti.platform.LaunchSpec;
import threadmark.lti.platform.PlatformBrowser;
import threadmark.lti.platform.TestPlatform;
import threadmark.user.User;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LTI 1.3 launches over real HTTP from the test platform: what a good launch creates (once), and every check of the
 * id_token refusing a bad one with a sentence and without writing a row.
 */
@QuarkusTest
class LtiLaunchTest {

    private static final String LTI = TestPlatform.LTI;
    private static TestPlatform platform;

    @TestHTTPResource("/")
    URL tool;

    @Inject
    EntityManager entities;

    @BeforeEach
    void platform() {
        if (platform == null) {
            platform = LtiTestPlatforms.registered(tool);
            // The course exists once its instructor has launched from it.
            PlatformBrowser.Launched first = new PlatformBrowser().launch(platform,
                    LaunchSpec.instructor("teacher-1").exercise("race-counter").link("link-0"));
            assertThat(first.launch().status()).as(first.launch().body()).isEqualTo(303);
        }
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aLearnersLaunchMakesTheirAccountEnrolmentAndAssignmentOnceAndLandsLoggedInOnTheExercise() {
        Map<String, Long> before = LtiRows.count(entities);
        PlatformBrowser browser = new PlatformBrowser();
        PlatformBrowser.Launched launched = browser.launch(platform,
                LaunchSpec.learner("student-happy").exercise("race-counter").link("link-happy")
                        .lineItem(platform.url("/contexts/course-1/lineitems/1")));

        assertThat(launched.launch().status()).as(launched.launch().body()).isEqualTo(303);
        assertThat(launched.launch().location()).endsWith("/exercises/race-counter");
        assertThat(launched.landed().status()).isEqualTo(200);
        assertThat(launched.landed().body()).contains("id=\"current-user\"").contains("student-happy");
        assertThat(LtiRows.change(before, LtiRows.count(entities))).containsAllEntriesOf(Map.of(
                "app_user", 1L, "external_identity", 1L, "enrolment", 1L, "lti_resource_link", 1L,
                "lti_used_nonce", 1L, "user_session", 1L)).doesNotContainKeys("course", "lti_context", "course_staff",
                "lti_login_state");
        QuarkusTransaction.requiringNew().run(() -> {
            User student = User.byUsername("student-happy").orElseThrow();
            assertThat(student.role).isEqualTo("STUDENT");
            assertThat(student.displayName).isEqualTo("Learner student-happy");
            assertThat(student.email).isEqualTo("student-happy@students.example.edu");
            LtiResourceLink link = LtiResourceLink.<LtiResourceLink>find("resourceLinkId", "link-happy")
                    .singleResult();
            assertThat(link.assignment.exerciseSlug).isEqualTo("race-counter");
            assertThat(link.lineItemUrl).isEqualTo(platform.url("/contexts/course-1/lineitems/1"));
            assertThat(link.lineItemsUrl).isEqualTo(platform.url("/contexts/course-1/lineitems"));
            assertThat(link.agsScopes).contains("https://purl.imsglobal.org/spec/lti-ags/scope/score");
            assertThat(link.context.membershipsUrl).isEqualTo(platform.url("/contexts/course-1/memberships"));
            assertThat(link.context.course.title).isEqualTo("Concurrency 101");
        });

        Map<String, Long> again = LtiRows.count(entities);
        PlatformBrowser.Launched second = new PlatformBrowser().launch(platform,
                LaunchSpec.learner("student-happy").exercise("race-counter").link("link-happy"));
        assertThat(second.landed().status()).isEqualTo(200);
        assertThat(second.landed().body()).contains("student-happy");
        assertThat(LtiRows.change(again, LtiRows.count(entities)))
                .isEqualTo(Map.of("lti_used_nonce", 1L, "user_session", 1L));
    }

    @Test
    void theInstructorWhoLaunchedFirstRunsTheCourseAndAnAssistantAssistsIt() {
        PlatformBrowser.Launched ta = new PlatformBrowser().launch(platform, LaunchSpec.learner("assistant-1")
                .roles(LaunchSpec.INSTRUCTOR, LaunchSpec.TEACHING_ASSISTANT).exercise("race-counter").link("link-0"));
        assertThat(ta.landed().status()).isEqualTo(200);
        QuarkusTransaction.requiringNew().run(() -> {
            LtiContext context = LtiContext.<LtiContext>find("contextId", "course-1").singleResult();
            assertThat(CourseStaff.of(context.course, User.byUsername("teacher-1").orElseThrow()).orElseThrow().role)
                    .isEqualTo(CourseRole.INSTRUCTOR);
            assertThat(CourseStaff.of(context.course, User.byUsername("assistant-1").orElseThrow()).orElseThrow().role)
                    .isEqualTo(CourseRole.ASSISTANT);
            assertThat(User.byUsername("assistant-1").orElseThrow().role).isEqualTo("INSTRUCTOR");
        });
    }

    @Test
    void aDisabledAccountIsNotLoggedInByItsLms() {
        PlatformBrowser.Launched first = new PlatformBrowser().launch(platform,
                LaunchSpec.learner("student-leaver").exercise("race-counter").link("link-1"));
        assertThat(first.landed().status()).isEqualTo(200);
        threadmark.testing.Api.instructor().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("disabled", true)).put("/api/users/student-leaver/status").then().statusCode(204);
        refused(LaunchSpec.learner("student-leaver").exercise("race-counter").link("link-1"), 403, "is disabled");
    }

    @Test
    void aMentorGetsNothing() {
        refused(LaunchSpec.learner("mentor-1").roles(LaunchSpec.MENTOR).exercise("race-counter"), 403,
                "gives no access to Threadmark");
    }

    @Test
    void aStudentCannotOpenACourseItsInstructorNeverOpened() {
        refused(LaunchSpec.learner("early-1").context("course-new", "New course").exercise("race-counter"), 403,
                "not set up in Threadmark yet");
    }

    @Test
    void aLinkNamingNoExerciseIsRefused() {
        refused(LaunchSpec.learner("student-nolink").link("link-bare"), 403, "names no Threadmark exercise");
    }

    @Test
    void aSignatureByAnotherKeyUnderThePlatformsKidIsRefused() {
        refused(learner().signWith(TestPlatform.newKey(platform.kid())), 401, "does not match");
    }

    @Test
    void anUnknownKidIsRefusedAndRefetchesTheKeySetAtMostOnceInTheInterval() {
        RsaJsonWebKey foreign = TestPlatform.newKey("foreign-kid");
        int fetches = platform.keySetFetches.get();
        refused(learner().signWith(foreign), 401, "does not publish");
        refused(learner().signWith(foreign), 401, "does not publish");
        assertThat(platform.keySetFetches.get() - fetches).isLessThanOrEqualTo(1);
    }

    @Test
    void aRotatedPlatformKeyIsFetchedOnItsFirstLaunch() throws InterruptedException {
        Thread.sleep(1100); // the refetch interval of the test profile
        platform.rotateKey("platform-key-rotated-" + System.nanoTime());
        int fetches = platform.keySetFetches.get();
        PlatformBrowser.Launched launched = new PlatformBrowser().launch(platform, learner());
        assertThat(launched.launch().status()).as(launched.launch().body()).isEqualTo(303);
        assertThat(platform.keySetFetches.get() - fetches).isEqualTo(1);
    }

    @Test
    void anotherIssuerIsRefused() {
        refused(learner().tamper(c -> c.setIssuer("https://evil.example")), 401, "issuer");
    }

    @Test
    void anotherAudienceIsRefused() {
        refused(learner().tamper(c -> c.setAudience("another-tool")), 401, "not to Threadmark");
    }

    @Test
    void severalAudiencesWithoutAzpAreRefused() {
        refused(learner().tamper(c -> c.setAudience(platform.clientId, "another-tool")), 401, "azp");
    }

    @Test
    void aWrongAzpIsRefused() {
        refused(learner().tamper(c -> {
            c.setAudience(platform.clientId, "another-tool");
            c.setClaim("azp", "another-tool");
        }), 401, "authorized party");
    }

    @Test
    void anExpiredLaunchIsRefused() {
        refused(learner().tamper(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 300));
        }), 401, "expired");
    }

    @Test
    void aLaunchIssuedInTheFutureIsRefused() {
        refused(learner().tamper(c -> c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 3600))),
                401, "too far from now");
    }

    @Test
    void anUnregisteredDeploymentIsRefused() {
        refused(learner().tamper(c -> c.setClaim(LTI + "deployment_id", "deployment-unknown")), 403,
                "is not registered");
    }

    @Test
    void anotherMessageTypeIsRefused() {
        refused(learner().tamper(c -> c.setClaim(LTI + "message_type", "LtiSubmissionReviewRequest")), 401,
                "not LtiSubmissionReviewRequest");
    }

    @Test
    void anotherVersionIsRefused() {
        refused(learner().tamper(c -> c.setClaim(LTI + "version", "1.1.0")), 401, "version 1.1.0");
    }

    @Test
    void aResourceLinkLaunchWithoutItsLinkIdIsRefused() {
        refused(learner().tamper(c -> c.setClaim(LTI + "resource_link", Map.of("title", "no id"))), 401,
                "resource link id");
    }

    @Test
    void anotherTargetThanTheLoginsIsRefused() {
        refused(learner().tamper(c -> c.setClaim(LTI + "target_link_uri", "https://evil.example/lti/launch")), 401,
                "targets https://evil.example");
    }

    @Test
    void aNonceOfAnotherLoginIsRefused() {
        refused(learner().tamper(c -> c.setClaim("nonce", "a-nonce-of-some-other-login")), 401, "nonce");
    }

    @Test
    void aReplayedIdTokenIsRefusedWithTheSameStateAndWithAFreshOne() {
        PlatformBrowser browser = new PlatformBrowser();
        PlatformBrowser.Form answer = browser.authAnswer(platform, learner());
        PlatformBrowser.Page first = browser.submit(answer);
        assertThat(first.status()).as(first.body()).isEqualTo(303);

        Map<String, Long> before = LtiRows.count(entities);
        PlatformBrowser.Page again = browser.submit(answer);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.body()).contains("state is unknown or was used already");

        PlatformBrowser.Form fresh = browser.authAnswer(platform, learner());
        PlatformBrowser.Page replayed = browser.submit(fresh.with("id_token", answer.fields().get("id_token")));
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body()).contains("nonce");
        assertThat(LtiRows.change(before, LtiRows.count(entities))).isEmpty();
    }

    @Test
    void anUnknownStateIsRefused() {
        PlatformBrowser browser = new PlatformBrowser();
        PlatformBrowser.Form answer = browser.authAnswer(platform, learner());
        Map<String, Long> before = LtiRows.count(entities);
        PlatformBrowser.Page page = browser.submit(answer.with("state", "made-up-state-0123456789"));
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.body()).contains("state is unknown");
        assertThat(LtiRows.change(before, LtiRows.count(entities))).isEmpty();
    }

    @Test
    void anUnsignedIdTokenIsRefused() throws Exception {
        Map<String, Long> before = LtiRows.count(entities);
        PlatformBrowser browser = new PlatformBrowser();
        PlatformBrowser.Form answer = browser.authAnswer(platform, learner());
        JsonWebSignature unsigned = new JsonWebSignature();
        unsigned.setPayload(JwtClaims.parse(new String(java.util.Base64.getUrlDecoder()
                .decode(answer.fields().get("id_token").split("\\.")[1]))).toJson());
        unsigned.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        unsigned.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        PlatformBrowser.Page page = browser.submit(answer.with("id_token", unsigned.getCompactSerialization()));
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.body()).contains("not RS256");
        assertThat(LtiRows.change(before, LtiRows.count(entities))).isEmpty();
    }

    @Test
    void aLoginFromAnUnknownIssuerOrClientIsRefused() {
        PlatformBrowser browser = new PlatformBrowser();
        Map<String, String> login = Map.of("iss", "https://unknown.example", "login_hint", "x",
                "target_link_uri", platform.toolLaunchUrl());
        PlatformBrowser.Page unknown = browser.post(tool + "lti/login", login);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("No LMS with issuer https://unknown.example");
        PlatformBrowser.Page client = browser.post(tool + "lti/login", Map.of("iss", platform.issuer,
                "login_hint", "x", "target_link_uri", platform.toolLaunchUrl(), "client_id", "nobody"));
        assertThat(client.status()).isEqualTo(400);
        assertThat(client.body()).contains("client id nobody");
        PlatformBrowser.Page elsewhere = browser.post(tool + "lti/login", Map.of("iss", platform.issuer,
                "login_hint", "x", "target_link_uri", "https://evil.example/"));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("not this Threadmark");
    }

    @Test
    void aLoginInitiationByGetWithoutClientIdRedirectsToThePlatformWithEveryParameter() {
        String query = "iss=" + enc(platform.issuer) + "&login_hint=student-get&target_link_uri="
                + enc(platform.toolLaunchUrl()) + "&lti_message_hint=hint-1";
        PlatformBrowser.Page page = new PlatformBrowser().get(tool + "lti/login?" + query);
        assertThat(page.status()).isEqualTo(302);
        Map<String, String> q = queryOf(page.location());
        assertThat(page.location()).startsWith(platform.url("/auth?"));
        assertThat(q).containsEntry("scope", "openid").containsEntry("response_type", "id_token")
                .containsEntry("response_mode", "form_post").containsEntry("prompt", "none")
                .containsEntry("client_id", platform.clientId).containsEntry("redirect_uri", platform.toolLaunchUrl())
                .containsEntry("login_hint", "student-get").containsEntry("lti_message_hint", "hint-1");
        // 128 bits or more of randomness each: 24 random bytes in base64url, and more.
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(q.get("nonce")).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(q.get("state"));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> queryOf(String url) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String pair : java.net.URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            m.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return m;
    }

    private static LaunchSpec learner() {
        return LaunchSpec.learner("student-1").exercise("race-counter").link("link-1");
    }

    /** The launch is refused with this status and sentence, and not one row is written. */
    private void refused(LaunchSpec spec, int status, String sentence) {
        Map<String, Long> before = LtiRows.count(entities);
        PlatformBrowser.Launched launched = new PlatformBrowser().launch(platform, spec);
        assertThat(launched.launch()).as("login: %s / platform: %s", launched.login().body(),
                launched.auth() == null ? null : launched.auth().body()).isNotNull();
        assertThat(launched.launch().status()).as(launched.launch().body()).isEqualTo(status);
        assertThat(launched.launch().body()).contains(sentence).contains("id=\"error-message\"")
                .doesNotContain("Exception");
        assertThat(launched.launch().headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(LtiRows.change(before, LtiRows.count(entities))).as("rows written by a refused launch").isEmpty();
    }

}
