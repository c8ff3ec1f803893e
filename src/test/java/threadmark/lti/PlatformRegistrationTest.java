package threadmark.lti;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import threadmark.lti.platform.PlatformBrowser;
import threadmark.testing.Api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Admins alone register platforms and rotate our key; our key set and Canvas configuration are public. */
@QuarkusTest
class PlatformRegistrationTest {

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL tool;

    private static Map<String, Object> registration(String issuer) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "Canvas of Example U");
        r.put("issuer", issuer);
        r.put("clientId", "10000000000042");
        r.put("deploymentIds", List.of("42:abc"));
        r.put("keySetUrl", "https://sso.canvaslms.com/api/lti/security/jwks");
        r.put("authLoginUrl", "https://sso.canvaslms.com/api/lti/authorize_redirect");
        r.put("authTokenUrl", "https://sso.canvaslms.com/login/oauth2/token");
        return r;
    }

    @Test
    void anAdminRegistersListsEditsAndDeletesAPlatform() {
        JsonPath made = Api.instructor().contentType(ContentType.JSON).body(registration("https://canvas.example.edu"))
                .post("/api/lti/platforms").then().statusCode(201).extract().jsonPath();
        long id = made.getLong("id");
        assertThat(made.getList("deploymentIds")).containsExactly("42:abc");

        Api.instructor().get("/api/lti/platforms").then().statusCode(200)
                .body(containsString("https://canvas.example.edu"));
        Map<String, Object> changed = registration("https://canvas.example.edu");
        changed.put("deploymentIds", List.of("42:abc", "43:def"));
        changed.put("authTokenAudience", "https://canvas.example.edu/login/oauth2/token");
        JsonPath updated = Api.instructor().contentType(ContentType.JSON).body(changed)
                .put("/api/lti/platforms/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(updated.getList("deploymentIds")).containsExactlyInAnyOrder("42:abc", "43:def");
        assertThat(updated.getString("authTokenAudience")).isEqualTo("https://canvas.example.edu/login/oauth2/token");

        Api.instructor().contentType(ContentType.JSON).body(registration("https://canvas.example.edu"))
                .post("/api/lti/platforms").then().statusCode(409).body(containsString("registered already"));

        Api.instructor().delete("/api/lti/platforms/" + id).then().statusCode(204);
        Api.instructor().get("/api/lti/platforms/" + id).then().statusCode(404);
    }

    @Test
    void aRegisteredPlatformMayFrameOurPagesUntilItIsDeleted() {
        long id = Api.instructor().contentType(ContentType.JSON).body(registration("https://framing.example.edu"))
                .post("/api/lti/platforms").then().statusCode(201).extract().jsonPath().getLong("id");
        String policy = given().get("/login").then().extract().header("Content-Security-Policy");
        assertThat(policy).containsPattern("frame-ancestors 'self' [^;]*https://framing.example.edu")
                .contains("https://sso.canvaslms.com");
        assertThat(given().get("/login").header("X-Frame-Options")).isNull();
        Api.instructor().delete("/api/lti/platforms/" + id).then().statusCode(204);
        assertThat(given().get("/login").header("Content-Security-Policy")).doesNotContain("framing.example.edu");
    }

    @Test
    void theLtiPageShowsStaffWhatToPasteAndLetsAnAdminRegisterThroughItsForm() {
        Api.account("lti-page-teacher", "INSTRUCTOR");
        PlatformBrowser teacher = loggedIn("lti-page-teacher", "lti-page-teacher-password");
        PlatformBrowser.Page page = teacher.get(tool + "staff/lti");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(tool + "lti/login").contains(tool + ".well-known/jwks.json")
                .doesNotContain("register-form");

        PlatformBrowser admin = loggedIn("instructor", "instructor");
        PlatformBrowser.Form form = admin.get(tool + "staff/lti").form("register-form")
                .with("name", "Moodle of Example U").with("issuer", "https://moodle.example.edu")
                .with("clientId", "moodle-client-1").with("keySetUrl", "https://moodle.example.edu/mod/lti/certs.php")
                .with("authLoginUrl", "https://moodle.example.edu/mod/lti/auth.php")
                .with("authTokenUrl", "https://moodle.example.edu/mod/lti/token.php");
        PlatformBrowser.Page refused = admin.submit(form.with("deploymentIds", ""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("deployment ids: at least one");
        PlatformBrowser.Page saved = admin.submit(form.with("deploymentIds", "7\n8"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        PlatformBrowser.Page listed = admin.get(tool + "staff/lti");
        assertThat(listed.body()).contains("Moodle of Example U").contains("https://moodle.example.edu/mod/lti/auth.php");
        Api.instructor().get("/api/lti/platforms").then().body(containsString("moodle-client-1"));
    }

    private PlatformBrowser loggedIn(String username, String password) {
        PlatformBrowser browser = new PlatformBrowser();
        PlatformBrowser.Page login = browser.post(tool + "j_security_check",
                Map.of("j_username", username, "j_password", password));
        assertThat(login.status()).isIn(302, 303);
        return browser;
    }

    @Test
    void badRegistrationsAreRefusedWithEveryProblemNamed() {
        Map<String, Object> bad = registration("http://canvas.example.edu");
        bad.put("deploymentIds", List.of());
        bad.put("keySetUrl", "not a url");
        bad.put("name", " ");
        String error = Api.instructor().contentType(ContentType.JSON).body(bad).post("/api/lti/platforms")
                .then().statusCode(400).extract().asString();
        assertThat(error).contains("issuer: an https:// URL").contains("deployment ids: at least one")
                .contains("key set URL").contains("name: give the platform a name");
        Api.instructor().contentType(ContentType.JSON).body("{").post("/api/lti/platforms").then().statusCode(400);
        Api.instructor().contentType(ContentType.JSON).body("null").post("/api/lti/platforms").then().statusCode(400);
    }

    @Test
    void onlyAdminsManagePlatformsAndKeys() {
        Api.student("lti-student");
        Api.account("lti-teacher", "INSTRUCTOR");
        for (String user : List.of("lti-student", "lti-teacher")) {
            Api.as(user).get("/api/lti/platforms").then().statusCode(403);
            Api.as(user).contentType(ContentType.JSON).body(registration("https://other.example.edu"))
                    .post("/api/lti/platforms").then().statusCode(403);
            Api.as(user).contentType(ContentType.JSON).post("/api/lti/keys/rotation").then().statusCode(403);
        }
        given().get("/api/lti/platforms").then().statusCode(401);
        Api.instructor().get("/api/lti/platforms").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("https://other.example.edu")));
    }

    @Test
    void ourKeySetIsPublicCacheableAndKeepsTheRotatedKey() {
        JsonPath before = given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", "public, max-age=300").extract().jsonPath();
        String oldKid = before.getString("keys[-1].kid");
        assertThat(before.getString("keys[0].kty")).isEqualTo("RSA");
        assertThat(given().get("/.well-known/jwks.json").asString()).doesNotContain("\"d\"").doesNotContain("\"p\"");

        String newKid = Api.instructor().contentType(ContentType.JSON).post("/api/lti/keys/rotation").then().statusCode(200)
                .extract().jsonPath().getString("kid");
        List<String> kids = given().get("/.well-known/jwks.json").jsonPath().getList("keys.kid");
        assertThat(kids).contains(oldKid, newKid);
    }

    @Test
    void canvasGetsItsDeveloperKeyJson() {
        JsonPath canvas = given().get("/lti/canvas.json").then().statusCode(200).extract().jsonPath();
        assertThat(canvas.getString("oidc_initiation_url")).endsWith("/lti/login");
        assertThat(canvas.getString("target_link_uri")).endsWith("/lti/launch");
        assertThat(canvas.getString("public_jwk_url")).endsWith("/.well-known/jwks.json");
        assertThat(canvas.getList("scopes", String.class)).contains(
                "https://purl.imsglobal.org/spec/lti-ags/scope/score",
                "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");
        assertThat(canvas.getString("extensions[0].privacy_level")).isEqualTo("public");
        assertThat(canvas.getList("extensions[0].settings.placements.placement"))
                .containsExactlyInAnyOrder("link_selection", "assignment_selection");
        assertThat(canvas.getList("extensions[0].settings.placements.message_type"))
                .containsOnly("LtiDeepLinkingRequest");
    }
}
