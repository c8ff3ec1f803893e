package threadmark.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import threadmark.testing.Api;

import jakarta.inject.Inject;

import java.net.URI;
import java.nio.file.Files;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Single sign-on at HTTP level against a real OpenID provider (oidc-provider under Node, {@link OpenIdProvider}):
 * the code flow through the provider's own login form, then who comes in as whom, and who is turned away with
 * nothing created.
 */
@QuarkusTest
@TestProfile(SsoProfile.class)
class SingleSignOnTest {

    @TestHTTPResource("/")
    URL base;

    private SsoClient client() throws Exception {
        return new SsoClient(base.toURI());
    }

    @Test
    void firstSignInMakesAStudentAndTheNextReusesIt() throws Exception {
        long users = count(User.class);
        SsoClient browser = client();
        HttpResponse<String> landed = browser.signIn("alice", "alice-pw");
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/exercises");
        assertThat(landed.body()).contains("id=\"current-user\">alice@uni.example<");
        User alice = QuarkusTransaction.requiringNew().call(() -> User.byUsername("alice@uni.example").orElseThrow());
        assertThat(alice.role).isEqualTo("STUDENT");
        assertThat(alice.email).isEqualTo("alice@uni.example");
        assertThat(alice.displayName).isEqualTo("Alice Liddell");
        assertThat(count(User.class)).isEqualTo(users + 1);
        assertThat(identitiesOf(alice)).isEqualTo(1);
        // quarkus-oidc's own session and state cookies are gone: Threadmark's session is the only one.
        assertThat(browser.cookieNames()).noneMatch(name -> name.startsWith("q_"))
                .contains(Sessions.COOKIE, Sessions.FORM_COOKIE);

        // Another browser, another sign-in at the provider: the same account, still one identity.
        HttpResponse<String> again = client().signIn("alice", "alice-pw");
        assertThat(again.body()).contains("id=\"current-user\">alice@uni.example<");
        assertThat(count(User.class)).isEqualTo(users + 1);
        assertThat(identitiesOf(alice)).isEqualTo(1);
    }

    @Test
    void theLogNamesTheAccountButHoldsNoTokenNorSecret() throws Exception {
        HttpResponse<String> landed = client().signIn("gina", "gina-pw");
        assertThat(landed.body()).contains("id=\"current-user\">gina@uni.example<");
        String log = Files.readString(SsoProfile.LOG);
        assertThat(log).contains("single sign-on: new account gina@uni.example for subject gina of http://127.0.0.1:");
        // A JWT (ID, access or state token) starts with the Base64 of {"; the secret also encrypts the cookies.
        assertThat(log).doesNotContain("eyJ").doesNotContain(OpenIdProvider.CLIENT_SECRET);
    }

    @Inject
    SingleSignOn singleSignOn;

    @Test
    void twoFirstSignInsAtOnceMakeOneAccount() throws Exception {
        for (int round = 0; round < 3; round++) {
            SingleSignOn.Claims claims = new SingleSignOn.Claims("http://127.0.0.1:1/race", "racer-" + round,
                    "racer" + round + "@uni.example", true, "Double Click");
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService both = Executors.newFixedThreadPool(2)) {
                List<Future<Long>> ids = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    ids.add(both.submit(() -> {
                        go.await();
                        return singleSignOn.userFor(claims).id;
                    }));
                }
                go.countDown();
                assertThat(ids.get(0).get()).as("round %d", round).isEqualTo(ids.get(1).get());
            }
            String username = "racer" + round + "@uni.example";
            assertThat(QuarkusTransaction.requiringNew().call(() -> User.count("email", username))).isEqualTo(1);
        }
    }

    @Test
    void loggingOutEndsTheSessionAndTheFormLoginStillWorks() throws Exception {
        SsoClient browser = client();
        HttpResponse<String> landed = browser.signIn("erin", "erin-pw");
        assertThat(landed.body()).contains("id=\"current-user\">erin@uni.example<");
        long sessions = count(UserSession.class);
        HttpResponse<String> out = browser.logOut(landed);
        assertThat(out.uri().getPath()).isEqualTo("/login");
        assertThat(count(UserSession.class)).isEqualTo(sessions - 1);
        HttpResponse<String> after = browser.get("/exercises");
        assertThat(after.uri().getPath()).as("a page after logging out").isEqualTo("/login");
        assertThat(after.body()).doesNotContain("id=\"current-user\"");

        // The login page offers both ways in; the form still logs in as before.
        assertThat(after.body()).contains("id=\"login-sso\"").contains("Sign in with " + SsoProfile.PROVIDER_NAME)
                .contains("action=\"/j_security_check\"");
        assertThat(browser.get("/language/ru?back=/login").body()).contains("Войти через " + SsoProfile.PROVIDER_NAME);
        browser.get("/language/en?back=/login");
        HttpResponse<String> form = browser.post(base.toURI().resolve("/j_security_check"),
                "j_username=instructor&j_password=instructor");
        assertThat(form.uri().getPath()).isEqualTo("/exercises");
        assertThat(form.body()).contains("id=\"current-user\">instructor");
    }

    @Test
    void aVerifiedEmailLinksTheOneAccountThatHasIt() throws Exception {
        User bob = QuarkusTransaction.requiringNew().call(() -> {
            User user = User.create("bob-" + System.nanoTime(), "bob-form-password", Role.STUDENT);
            user.email = "Bob@uni.example";
            return user;
        });
        long users = count(User.class);
        HttpResponse<String> landed = client().signIn("bob", "bob-pw");
        assertThat(landed.body()).contains("id=\"current-user\">" + bob.username + "<");
        assertThat(count(User.class)).isEqualTo(users);
        assertThat(identitiesOf(bob)).isEqualTo(1);
    }

    @Test
    void anUnverifiedEmailNeitherLinksNorMakesAnAccount() throws Exception {
        User carol = QuarkusTransaction.requiringNew().call(() -> {
            User user = User.create("carol-" + System.nanoTime(), "carol-form-password", Role.STUDENT);
            user.email = "carol@uni.example";
            return user;
        });
        long users = count(User.class);
        long identities = count(ExternalIdentity.class);
        long sessions = count(UserSession.class);
        SsoClient browser = client();
        HttpResponse<String> refused = browser.signIn("carol", "carol-pw");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("id=\"sso-refused\"").doesNotContain("id=\"current-user\"")
                .contains(SsoProfile.PROVIDER_NAME + " did not confirm your email address");
        assertThat(identitiesOf(carol)).isZero();
        assertThat(count(User.class)).isEqualTo(users);
        assertThat(count(ExternalIdentity.class)).isEqualTo(identities);
        assertThat(count(UserSession.class)).isEqualTo(sessions);
        assertThat(browser.cookieNames()).doesNotContain(Sessions.COOKIE, Sessions.FORM_COOKIE)
                .noneMatch(name -> name.startsWith("q_session"));
    }

    @Test
    void anEmailOutsideTheAllowedDomainsIsRefusedWithNothingCreated() throws Exception {
        long users = count(User.class);
        long identities = count(ExternalIdentity.class);
        HttpResponse<String> refused = client().signIn("mallory", "mallory-pw");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("New accounts are made only for the email domains this server serves");
        assertThat(count(User.class)).isEqualTo(users);
        assertThat(count(ExternalIdentity.class)).isEqualTo(identities);
    }

    @Test
    void aDisabledAccountIsRefused() throws Exception {
        HttpResponse<String> first = client().signIn("dave", "dave-pw");
        assertThat(first.body()).contains("id=\"current-user\">dave@uni.example<");
        Api.instructor().contentType(ContentType.JSON).body(Map.of("disabled", true))
                .put("/api/users/dave@uni.example/status").then().statusCode(204);
        long sessions = count(UserSession.class);
        HttpResponse<String> refused = client().signIn("dave", "dave-pw");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Your Threadmark account is disabled");
        assertThat(count(UserSession.class)).isEqualTo(sessions);
    }

    @Test
    void aReturnWithoutThisBrowsersFlowStartsAFreshOneAndLogsNobodyIn() {
        long users = count(User.class);
        long sessions = count(UserSession.class);
        Response forged = given().redirects().follow(false).get("/login/sso?code=forged&state=forged");
        // quarkus-oidc knows no flow of this browser (no state cookie): it sends it to the provider with a new one.
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.header("Location")).contains("/auth?").contains("code_challenge_method=S256")
                .contains("nonce=").doesNotContain("state=forged");
        assertThat(forged.getCookies()).doesNotContainKeys(Sessions.COOKIE, Sessions.FORM_COOKIE);
        assertThat(count(User.class)).isEqualTo(users);
        assertThat(count(UserSession.class)).isEqualTo(sessions);
    }

    @Test
    void aCodeTheProviderNeverIssuedIsRefusedWithASentence() {
        long users = count(User.class);
        long sessions = count(UserSession.class);
        Response start = given().redirects().follow(false).get("/login/sso");
        String state = query(start.header("Location"), "state");
        Response forged = given().redirects().follow(false).cookies(start.getCookies())
                .get("/login/sso?code=forged-code&state=" + state);
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.header("Location")).endsWith("/login/sso/failed");
        given().get("/login/sso/failed").then().statusCode(401)
                .body(containsString("The sign-in with " + SsoProfile.PROVIDER_NAME + " did not complete"));
        assertThat(forged.getCookies()).doesNotContainKeys(Sessions.COOKIE, Sessions.FORM_COOKIE);
        assertThat(count(User.class)).isEqualTo(users);
        assertThat(count(UserSession.class)).isEqualTo(sessions);
    }

    @Test
    void theProviderRefusingIsShownAsASentence() {
        long sessions = count(UserSession.class);
        Response start = given().redirects().follow(false).get("/login/sso");
        String state = query(start.header("Location"), "state");
        Response denied = given().redirects().follow(false).cookies(start.getCookies())
                .get("/login/sso?error=access_denied&error_description=cancelled&state=" + state);
        assertThat(denied.statusCode()).isEqualTo(302);
        assertThat(denied.header("Location")).contains("/login/sso/failed");
        given().get(URI.create(denied.header("Location")).getRawPath()).then().statusCode(401)
                .body(containsString("did not complete"));
        assertThat(count(UserSession.class)).isEqualTo(sessions);
    }

    @Test
    void theProviderTurnsAWrongPasswordAwayAtItsOwnForm() throws Exception {
        long users = count(User.class);
        HttpResponse<String> wrong = client().signIn("alice", "not-her-password");
        assertThat(wrong.uri().getPort()).isNotEqualTo(base.getPort());
        assertThat(wrong.body()).contains("Wrong login or password.");
        assertThat(count(User.class)).isEqualTo(users);
    }

    private static String query(String uri, String name) {
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static long count(Class<?> entity) {
        return QuarkusTransaction.requiringNew().call(() ->
                entity == User.class ? User.count() : entity == UserSession.class ? UserSession.count()
                        : ExternalIdentity.count());
    }

    private static long identitiesOf(User user) {
        return QuarkusTransaction.requiringNew().call(() -> ExternalIdentity.count("user.id", user.id));
    }
}
