package threadmark.user;

import threadmark.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;
import threadmark.web.BrowserSession;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/**
 * Finding 3 of issue 14: sessions live on the server, so logging out, changing a password or disabling an account
 * ends them, also for whoever kept a copy of the cookies.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class SessionsTest {

    private static void student(String username) {
        Api.student(username);
    }

    private static Response open(Map<String, String> cookies, String path) {
        return given().redirects().follow(false).cookies(cookies).get(path);
    }

    private static void assertLoggedOut(Map<String, String> cookies, String why) {
        Response page = open(cookies, "/exercises");
        assertThat(page.statusCode()).as(why).isEqualTo(302);
        assertThat(page.header("Location")).as(why).contains("/login");
    }

    @Test
    void loggingOutEndsTheSessionAlsoForACopyOfItsCookies() {
        student("sam");
        BrowserSession sam = BrowserSession.login("sam", "sam-password");
        Map<String, String> copy = new HashMap<>(sam.cookies);
        assertThat(open(copy, "/exercises").statusCode()).isEqualTo(200);
        sam.get("/exercises");
        assertThat(sam.postForm("/logout", Map.of("csrf-token", sam.formToken)).statusCode()).isEqualTo(303);
        assertLoggedOut(copy, "the copied cookies after logout");

        Response refused = open(copy, "/exercises");
        assertThat(refused.getDetailedCookie(Sessions.COOKIE).getMaxAge()).as("the browser is told to forget it").isZero();
        assertThat(refused.getDetailedCookie(Sessions.FORM_COOKIE).getMaxAge()).isZero();
        assertThat(open(Map.of(), "/login").asString()).contains("j_security_check");
    }

    /** What a browser keeps of a response's cookies: set ones replace, expired ones go. */
    private static Response kept(Map<String, String> browser, Response response) {
        response.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0) {
                browser.remove(c.getName());
            } else {
                browser.put(c.getName(), c.getValue());
            }
        });
        return response;
    }

    @Test
    void whoLogsInAfterALogoutLandsOnTheirOwnListNotOnThePageTheLastUserLeft() {
        student("una");
        student("vic");
        String returnCookie = "quarkus-redirect-location";
        BrowserSession una = BrowserSession.login("una", "una-password");
        una.get("/exercises");
        Map<String, String> browser = new HashMap<>(una.cookies);
        kept(browser, given().redirects().follow(false).cookies(browser).formParam("csrf-token", una.formToken)
                .post("/logout"));
        assertThat(browser).containsEntry(Sessions.SIGNED_OUT_COOKIE, "1").doesNotContainKey(Sessions.COOKIE);

        // Back: the browser asks for Una's page again, and Quarkus remembers it to return to after the next login.
        Response back = kept(browser, open(browser, "/exercises/race-counter"));
        assertThat(back.header("Location")).contains("/login");
        assertThat(browser).containsKey(returnCookie);
        kept(browser, given().cookies(browser).get("/login"));
        assertThat(browser).as("the login page after a logout drops the page to return to").doesNotContainKey(returnCookie);

        Response vic = kept(browser, given().redirects().follow(false).cookies(browser)
                .formParam("j_username", "vic").formParam("j_password", "vic-password").post("/j_security_check"));
        assertThat(vic.header("Location")).endsWith("/exercises");
        assertThat(browser).as("a login clears the mark of the logout").doesNotContainKey(Sessions.SIGNED_OUT_COOKIE);

        // Without a logout, a login still returns to the page that asked for it (a session that timed out, a link).
        Map<String, String> fresh = new HashMap<>();
        kept(fresh, open(fresh, "/exercises/race-counter"));
        kept(fresh, given().cookies(fresh).get("/login"));
        Response link = given().redirects().follow(false).cookies(fresh)
                .formParam("j_username", "vic").formParam("j_password", "vic-password").post("/j_security_check");
        assertThat(link.header("Location")).endsWith("/exercises/race-counter");
    }

    @Test
    void theLoginCookieAloneIsNotASession() {
        student("tia");
        BrowserSession tia = BrowserSession.login("tia", "tia-password");
        assertThat(tia.cookies).containsKeys(Sessions.COOKIE, Sessions.FORM_COOKIE);
        Map<String, String> formCookieOnly = new HashMap<>(tia.cookies);
        formCookieOnly.remove(Sessions.COOKIE);
        assertLoggedOut(formCookieOnly, "Quarkus' encrypted cookie without the server's session");
        Map<String, String> guessed = new HashMap<>(formCookieOnly);
        guessed.put(Sessions.COOKIE, "guessed-token");
        assertLoggedOut(guessed, "a made-up session token");
        assertThat(open(tia.cookies, "/exercises").statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsTheUsersOtherSessionsButNotTheOneThatChangedIt() {
        student("uma");
        BrowserSession here = BrowserSession.login("uma", "uma-password");
        BrowserSession elsewhere = BrowserSession.login("uma", "uma-password");
        here.get("/account/password");
        Response changed = here.postForm("/account/password", Map.of("currentPassword", "uma-password",
                "newPassword", "uma-second-password", "repeatPassword", "uma-second-password",
                "csrf-token", here.formToken));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(here.get("/exercises").statusCode()).as("the session that changed it").isEqualTo(200);
        assertLoggedOut(elsewhere.cookies, "another session of the same user");

        BrowserSession again = BrowserSession.login("uma", "uma-second-password");
        given().auth().preemptive().basic("uma", "uma-second-password").contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "uma-second-password", "newPassword", "uma-third-password"))
                .put("/api/users/me/password").then().statusCode(204);
        assertLoggedOut(again.cookies, "a session, after a change through the API");
        assertLoggedOut(here.cookies, "every session, after a change through the API");
    }

    @Test
    void aStaffResetEndsTheStudentsSessions() {
        student("vic");
        BrowserSession vic = BrowserSession.login("vic", "vic-password");
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .post("/api/users/vic/password-reset").then().statusCode(200);
        assertLoggedOut(vic.cookies, "the student's session after a reset");
    }
}
