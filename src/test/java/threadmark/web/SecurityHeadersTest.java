package threadmark.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;

/**
 * Every response says what the browser may run and who may frame it; behind a TLS-ending proxy that says so, HSTS and
 * {@code Secure} cookies too, and never over plain HTTP.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class SecurityHeadersTest {

    @Test
    void pagesApiAndStaticFilesForbidScriptsFromElsewhereFramingAndSniffing() {
        for (Response response : List.of(given().get("/login"), given().get("/css/threadmark.css"),
                given().auth().preemptive().basic("instructor", "instructor").get("/api/exercises"),
                given().get("/api/exercises"))) {
            assertThat(response.header("Content-Security-Policy")).contains("script-src 'self';")
                    .contains("object-src 'none'").doesNotContain("unsafe-eval");
            assertFramedOnlyByRegisteredPlatforms(response);
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
        }
    }

    @Test
    void theCheckLibrarysReferenceIsServedWithItsOwnScriptAllowedThereAlone() {
        Response index = given().get("/docs/check/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body().asString()).contains("Threadmark check library");
        Response contention = given().get("/docs/check/threadmark.harness/threadmark/check/Contention.html");
        assertThat(contention.statusCode()).isEqualTo(200);
        assertThat(contention.body().asString()).contains("Example").contains("Contention.hammer(");
        assertThat(contention.header("Content-Security-Policy")).contains("script-src 'self' 'unsafe-inline';");
        assertFramedOnlyByRegisteredPlatforms(contention);
        assertThat(given().get("/docs/check/threadmark.harness/threadmark/harness/internal/Harness.html").statusCode())
                .as("only the exported package is published").isEqualTo(404);
        assertThat(given().get("/login").header("Content-Security-Policy")).doesNotContain("unsafe-inline';  ")
                .contains("script-src 'self';");
    }

    /**
     * No site may frame our pages but the LMSs an admin registered (other test classes of this profile register some
     * in the same database): with none, {@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY}.
     */
    private static void assertFramedOnlyByRegisteredPlatforms(Response response) {
        String policy = response.header("Content-Security-Policy");
        String directive = java.util.Arrays.stream(policy.split(";")).map(String::strip)
                .filter(d -> d.startsWith("frame-ancestors ")).findFirst().orElseThrow();
        java.util.Set<String> registered = new java.util.HashSet<>();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            for (threadmark.lti.LtiPlatform platform : threadmark.lti.LtiPlatform.<threadmark.lti.LtiPlatform>listAll()) {
                for (String url : List.of(platform.issuer, platform.authLoginUrl)) {
                    java.net.URI uri = java.net.URI.create(url);
                    registered.add(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
                }
            }
        });
        if (registered.isEmpty()) {
            assertThat(directive).isEqualTo("frame-ancestors 'none'");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        } else {
            assertThat(directive.substring("frame-ancestors ".length()).split(" "))
                    .allMatch(source -> source.equals("'none'") || source.equals("'self'") || registered.contains(source),
                            "'none', 'self' or a registered LMS");
        }
    }

    @Test
    void behindATlsEndingProxyCookiesAreSecureAndHstsIsSent() {
        Response plain = login(given());
        assertThat(plain.headers().getValues("Set-Cookie")).isNotEmpty()
                .noneMatch(cookie -> cookie.toLowerCase().contains("; secure"));

        Response forwarded = login(given().header("X-Forwarded-Proto", "https"));
        assertThat(forwarded.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(forwarded.headers().getValues("Set-Cookie")).isNotEmpty()
                .allMatch(cookie -> cookie.toLowerCase().contains("; secure"), "every cookie Secure");
    }

    @Test
    void pagesAndApiAnswersAreNeverStoredAndStaticFilesAreKeptForGoodUnderAVersionedUrl() {
        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        Response page = staff.get("/exercises");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).as("an authenticated page").isEqualTo("no-store");
        assertThat(given().auth().preemptive().basic("instructor", "instructor").get("/api/exercises")
                .header("Cache-Control")).as("an API answer").isEqualTo("no-store");
        assertThat(given().get("/login").header("Cache-Control")).isEqualTo("no-store");

        Matcher stylesheet = Pattern.compile("href=\"(/css/threadmark\\.css\\?v=[0-9a-f]{8})\"")
                .matcher(page.asString());
        assertThat(stylesheet.find()).as("the page links its stylesheet under a versioned URL").isTrue();
        Response versioned = given().header("Accept-Encoding", "gzip").get(stylesheet.group(1));
        assertThat(versioned.statusCode()).isEqualTo(200);
        assertThat(versioned.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(versioned.header("Content-Encoding")).as("compressed").isEqualTo("gzip");
        assertThat(given().get("/css/threadmark.css").header("Cache-Control")).as("unversioned: asked again")
                .isEqualTo("no-cache");
    }

    /** A form login: it sets the login and session cookies. */
    private static Response login(io.restassured.specification.RequestSpecification request) {
        Response response = request.redirects().follow(false).formParam("j_username", "instructor")
                .formParam("j_password", "instructor").post("/j_security_check");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(302);
        return response;
    }
}
