package threadmark.web;

import threadmark.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/** Who may do what, on every API endpoint and page, and CSRF on every page form. Nothing is graded here. */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class WebSecurityTest {

    private static final String SOURCE = "public class Counter { public void increment() {} public long get() { return 0; } }";

    @BeforeEach
    void createStudents() {
        Api.student("carol");
        Api.student("dave");
    }

    private static RequestSpecification api(String user) {
        return given().auth().preemptive().basic(user, user.equals("instructor") ? "instructor" : user + "-password");
    }

    private static long submitThroughApi(String student) {
        return api(student).contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", SOURCE)))
                .post("/api/exercises/race-counter/submissions").then().statusCode(202)
                .extract().jsonPath().getLong("id");
    }

    private static int submissionCount(String student) {
        return api(student).get("/api/exercises/race-counter/submissions").then().statusCode(200)
                .extract().jsonPath().getList("id").size();
    }

    @Test
    void aLoginFormPostedFromAnotherSiteIsRefused() {
        Response crossSite = given().redirects().follow(false).header("Origin", "https://evil.example")
                .formParam("j_username", "carol").formParam("j_password", "carol-password")
                .post("/j_security_check");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.asString()).contains("sent from another site");
        assertThat(crossSite.getCookies()).doesNotContainKey("quarkus-credential");

        String self = "http://" + io.restassured.RestAssured.baseURI.replaceFirst("^https?://", "") + ":"
                + io.restassured.RestAssured.port;
        Response sameSite = given().redirects().follow(false).header("Origin", self)
                .formParam("j_username", "carol").formParam("j_password", "carol-password")
                .post("/j_security_check");
        assertThat(sameSite.statusCode()).as("login from this server's own page").isEqualTo(302);
        assertThat(sameSite.header("Location")).endsWith("/exercises");
    }

    @Test
    void everyApiEndpointRefusesAnonymousCallers() {
        long id = submitThroughApi("dave");
        // Which exercises a reader sees depends on their courses, so even the list needs a login.
        Map<String, Response> refused = Map.ofEntries(
                Map.entry("GET exercises", given().get("/api/exercises")),
                Map.entry("GET an exercise", given().get("/api/exercises/race-counter")),
                Map.entry("PUT listing", given().contentType(ContentType.JSON).body(Map.of("practice", true))
                        .put("/api/exercises/race-counter/listing")),
                Map.entry("POST submissions", given().contentType(ContentType.JSON)
                        .body(Map.of("files", Map.of("Counter.java", SOURCE)))
                        .post("/api/exercises/race-counter/submissions")),
                Map.entry("GET my submissions", given().get("/api/exercises/race-counter/submissions")),
                Map.entry("GET a submission", given().get("/api/submissions/" + id)),
                Map.entry("POST users", given().contentType(ContentType.JSON)
                        .body(Map.of("username", "mallory", "password", "mallory-password", "role", "INSTRUCTOR"))
                        .post("/api/users")),
                Map.entry("GET me", given().get("/api/users/me")),
                Map.entry("PUT assignment", given().contentType(ContentType.JSON)
                        .body(Map.of("dueAt", "2030-01-01T00:00:00Z")).put("/api/courses/any/assignments/race-counter")),
                Map.entry("GET gradebook", given().get("/api/courses/any/gradebook.csv")),
                Map.entry("POST roster", given().contentType("text/csv").body("username\nx\n")
                        .post("/api/courses/any/roster")),
                Map.entry("POST regrades", given().contentType(ContentType.JSON)
                        .post("/api/exercises/race-counter/regrades")),
                Map.entry("POST exercises", given().contentType("application/zip").body(new byte[] {1, 2, 3})
                        .post("/api/exercises")));
        refused.forEach((endpoint, response) -> {
            assertThat(response.statusCode()).as(endpoint).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(endpoint).startsWith("Basic");
        });
        given().auth().preemptive().basic("carol", "wrong-password").get("/api/users/me").then().statusCode(401);
    }

    @Test
    void studentsSeeOnlyTheirOwnSubmissionsAndCannotCreateUsers() {
        long daves = submitThroughApi("dave");
        long carols = submitThroughApi("carol");
        api("carol").get("/api/submissions/" + carols).then().statusCode(200).body("user", equalTo("carol"));
        api("carol").get("/api/submissions/" + daves).then().statusCode(403)
                .body("error", containsString("belongs to another student"));
        api("carol").get("/api/exercises/race-counter/submissions").then().statusCode(200)
                .body("user", everyItem(equalTo("carol")));
        api("carol").contentType(ContentType.JSON)
                .body(Map.of("username", "eve", "password", "eve-password", "role", "INSTRUCTOR"))
                .post("/api/users").then().statusCode(403);
        api("carol").get("/api/users/me").then().statusCode(200).body("role", equalTo("STUDENT"));
        api("instructor").get("/api/submissions/" + daves).then().statusCode(200).body("user", equalTo("dave"));
    }

    @Test
    void aBrowserSessionDoesNotAuthenticateTheApi() {
        BrowserSession carol = BrowserSession.login("carol", "carol-password");
        given().cookies(carol.cookies).get("/api/users/me").then().statusCode(401);
    }

    @Test
    void pagesNeedALoginAndKeepStudentsToTheirOwnWork() {
        given().redirects().follow(false).get("/exercises").then().statusCode(302)
                .header("Location", containsString("/login"));
        given().redirects().follow(false).get("/submissions/1").then().statusCode(302);
        long daves = submitThroughApi("dave");
        BrowserSession carol = BrowserSession.login("carol", "carol-password");
        assertThat(carol.get("/submissions/" + daves).statusCode()).isEqualTo(403);
        assertThat(carol.get("/submissions/" + daves + "/events").statusCode()).isEqualTo(403);
        assertThat(carol.get("/exercises/race-counter?from=" + daves).statusCode()).isEqualTo(403);
        Response staffPage = carol.get("/staff/submissions");
        assertThat(staffPage.statusCode()).isEqualTo(403);
        assertThat(staffPage.contentType()).contains("text/html");
        BrowserSession instructor = BrowserSession.login("instructor", "instructor");
        assertThat(instructor.get("/staff/submissions").asString()).contains("/submissions/" + daves);
        assertThat(instructor.get("/submissions/" + daves).statusCode()).isEqualTo(200);
    }

    @Test
    void codeThatLooksLikeHtmlIsShownAsTextOnEveryPage() {
        String hostile = "public class Counter { /* </textarea><script>alert('pwned')</script><img src=x onerror=alert(1)> */ "
                + "public void increment() {} public long get() { return 0; } }";
        long id = api("carol").contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", hostile)))
                .post("/api/exercises/race-counter/submissions").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        BrowserSession carol = BrowserSession.login("carol", "carol-password");
        for (String page : new String[] {"/submissions/" + id, "/exercises/race-counter?from=" + id}) {
            String html = carol.get(page).asString();
            assertThat(html).as(page).doesNotContain("<script>alert", "<img src=x", "</textarea><script>");
            assertThat(html).as(page).contains("&lt;/textarea&gt;&lt;script&gt;alert(");
        }
        String staff = BrowserSession.login("instructor", "instructor").get("/staff/submissions").asString();
        assertThat(staff).doesNotContain("<script>alert");
    }

    @Test
    void theExercisePageShowsVisibleTestsButNeverHiddenTestSource() {
        String page = BrowserSession.login("carol", "carol-password").get("/exercises/race-counter").asString();
        assertThat(page).contains("noLostUpdatesUnderContention", "countsInOneThread", "void countsInOneThread()");
        assertThat(page).doesNotContain("Contention.hammer", "import threadmark.check");
    }

    @Test
    void pageFormsNeedTheCsrfTokenAndARefusedPostStoresNothing() {
        BrowserSession carol = BrowserSession.login("carol", "carol-password");
        carol.get("/exercises/race-counter");
        assertThat(carol.formToken).isNotBlank();
        int before = submissionCount("carol");
        Map<String, String> form = Map.of("file", "Counter.java", "source", SOURCE);
        assertThat(carol.postForm("/exercises/race-counter/submissions", form).statusCode()).isEqualTo(400);
        assertThat(carol.postForm("/exercises/race-counter/submissions",
                Map.of("file", "Counter.java", "source", SOURCE, "csrf-token", "forged")).statusCode()).isEqualTo(400);
        assertThat(submissionCount("carol")).isEqualTo(before);

        Response accepted = carol.postForm("/exercises/race-counter/submissions",
                Map.of("file", "Counter.java", "source", SOURCE, "csrf-token", carol.formToken));
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.header("Location")).matches(".*/submissions/\\d+");
        assertThat(submissionCount("carol")).isEqualTo(before + 1);

        assertThat(carol.postForm("/logout", Map.of()).statusCode()).isEqualTo(400);
        Response logout = carol.postForm("/logout", Map.of("csrf-token", carol.formToken));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.getDetailedCookie("quarkus-credential").getMaxAge()).isZero();
    }

    /**
     * A cross-site form can post text/plain to any route, and a browser that remembers the API's Basic credentials
     * sends them along: every state-changing request a browser sends for another site is refused, page or API, with
     * or without a body; clients that are not browsers send neither header and are unaffected.
     */
    @Test
    void stateChangingRequestsFromAnotherSiteAreRefusedWhateverTheirBody() {
        String roster = "username,email\ncarol,carol@evil.example\n";
        for (Map<String, String> browser : List.of(Map.of("Origin", "https://evil.example"),
                Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Origin", "null"))) {
            Response plainRoster = given().auth().preemptive().basic("instructor", "instructor").headers(browser)
                    .contentType("text/plain").body(roster).post("/api/courses/security-101/roster");
            assertThat(plainRoster.statusCode()).as("text/plain roster from %s", browser).isEqualTo(403);
            assertThat(plainRoster.jsonPath().getString("error")).startsWith("Refused: this request was sent from another site");
            Response bodyless = given().auth().preemptive().basic("instructor", "instructor").headers(browser)
                    .post("/api/exercises/race-counter/regrades");
            assertThat(bodyless.statusCode()).as("bodyless regrade from %s", browser).isEqualTo(403);
            BrowserSession carol = BrowserSession.login("carol", "carol-password");
            Response logout = given().redirects().follow(false).cookies(carol.cookies).headers(browser)
                    .contentType("text/plain").body("x").post("/logout");
            assertThat(logout.statusCode()).as("token-less text/plain logout from %s", browser).isEqualTo(403);
        }
        // The same requests from this site's own pages, or from a client that is not a browser, go through as before.
        assertThat(submitThroughApiWith(Map.of("Sec-Fetch-Site", "same-origin"))).isEqualTo(202);
        assertThat(submitThroughApiWith(Map.of())).isEqualTo(202);
    }

    private static int submitThroughApiWith(Map<String, String> headers) {
        return api("carol").headers(headers).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("Counter.java", SOURCE))).post("/api/exercises/race-counter/submissions")
                .statusCode();
    }

    /** The double-submit token is signed: a cookie and a field an attacker chose together are refused. */
    @Test
    void aCsrfCookiePlantedFromASiblingSiteIsRefused() {
        BrowserSession carol = BrowserSession.login("carol", "carol-password");
        carol.get("/exercises/race-counter");
        Map<String, String> planted = new java.util.HashMap<>(carol.cookies);
        planted.put("csrf-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        int before = submissionCount("carol");
        for (Map.Entry<String, String> from : Map.of("Sec-Fetch-Site", "same-site",
                "Origin", "https://evil.threadmark.example").entrySet()) {
            Response forged = given().redirects().follow(false).cookies(planted).header(from.getKey(), from.getValue())
                    .formParams(Map.of("file", "Counter.java", "source", SOURCE,
                            "csrf-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
                    .post("/exercises/race-counter/submissions");
            assertThat(forged.statusCode()).as(from.getKey()).isEqualTo(403);
        }
        assertThat(submissionCount("carol")).isEqualTo(before);
    }

    /** A download, a live result stream or a second tab leaves the forms of pages already open working. */
    @Test
    void aFormStillPostsAfterTheBrowserLoadedOtherPages() {
        BrowserSession carol = BrowserSession.login("carol", "carol-password");
        carol.get("/exercises/race-counter");
        String firstTab = carol.formToken;
        carol.get("/exercises");
        assertThat(carol.get("/exercises/start-join").statusCode()).isEqualTo(200);
        assertThat(carol.formToken).as("every page carries the same token").isEqualTo(firstTab);
        Response accepted = carol.postForm("/exercises/race-counter/submissions",
                Map.of("file", "Counter.java", "source", SOURCE, "csrf-token", firstTab));
        assertThat(accepted.statusCode()).isEqualTo(303);
    }

    @Test
    void theInterfaceSpeaksRussianWhenTheBrowserOrTheSwitchAsksForIt() {
        BrowserSession carol = BrowserSession.login("carol", "carol-password");
        String english = carol.get("/exercises").asString();
        assertThat(english).contains("lang=\"en\"", "Your exercises");
        String russian = given().cookies(carol.cookies).header("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")
                .get("/exercises/race-counter").asString();
        assertThat(russian).contains("lang=\"ru\"", "Ваше решение", "Отправить на проверку",
                "Счётчик, который никогда не теряет обновлений", "общее состояние",
                "ни одно увеличение не теряется, когда потоки увеличивают счётчик в один и тот же момент")
                .doesNotContain("no increment is lost", "shared state");
        Response switched = given().redirects().follow(false).get("/language/ru?back=/exercises");
        assertThat(switched.statusCode()).isEqualTo(303);
        assertThat(switched.header("Location")).endsWith("/exercises");
        assertThat(switched.getCookie("lang")).isEqualTo("ru");
        carol.cookies.put("lang", "ru");
        assertThat(carol.get("/exercises").asString()).contains("Ваши задания");
        assertThat(given().redirects().follow(false).get("/language/ru?back=//evil.example/").header("Location"))
                .endsWith("/exercises");
        given().get("/language/xx").then().statusCode(404);
    }
}
