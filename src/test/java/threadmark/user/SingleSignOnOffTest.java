package threadmark.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** Without single sign-on configured (the default), nothing of it shows: the login page and its paths are as before. */
@QuarkusTest
class SingleSignOnOffTest {

    @Inject
    SsoConfig config;

    @Test
    void theDefaultsLetNobodyInThroughAProvider() {
        assertThat(config.enabled()).isFalse();
        assertThat(config.createAccounts()).as("new accounts").isFalse();
        assertThat(config.linkVerifiedEmail()).as("linking by email").isFalse();
        assertThat(config.emailDomains()).isEmpty();
        assertThat(config.defaultRole()).isEqualTo(Role.STUDENT);
    }

    @Test
    void theLoginPageOffersOnlyTheForm() {
        given().get("/login").then().statusCode(200)
                .body(containsString("action=\"/j_security_check\""))
                .body(not(containsString("login-sso")));
    }

    @Test
    void itsPathsAreNotThereAndStartNoFlow() {
        long users = QuarkusTransaction.requiringNew().call(() -> User.count());
        for (String path : new String[] {"/login/sso", "/login/sso?code=forged&state=forged", "/login/sso/failed",
                "/login/sso/refused?reason=NO_ACCOUNT"}) {
            Response answer = given().redirects().follow(false).accept("text/html").get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.asString()).as(path).contains("single sign-on is not set up on this server");
            assertThat(answer.getCookies().keySet()).as(path).noneMatch(name -> name.startsWith("q_"));
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.count())).isEqualTo(users);
    }
}
