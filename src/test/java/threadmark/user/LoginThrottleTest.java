package threadmark.user;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Finding 5 of issue 14: password guessing is throttled per account and per address, through the login form and
 * HTTP Basic alike, with the wait said; an unknown user name fails as slowly as a wrong password.
 */
@QuarkusTest
@TestProfile(LoginThrottleProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginThrottleTest {

    private static void student(String username) {
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", username + "-password", "role", "STUDENT"))
                .post("/api/users").then().statusCode(201);
    }

    private static Response me(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/users/me");
    }

    private static Response formLogin(String user, String password) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
    }

    @Test
    @Order(1)
    void anAccountWaitsAfterRepeatedFailuresEvenWithTheRightPasswordAndIsToldHowLong() {
        student("gus");
        student("hal");
        for (int i = 0; i < 3; i++) {
            assertThat(me("gus", "guess-" + i).statusCode()).isEqualTo(401);
        }
        Response api = me("gus", "gus-password");
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(api.header("Retry-After"))).isBetween(1, 30);
        assertThat(api.jsonPath().getString("error")).contains("too many failed logins", "try again in");

        Response form = formLogin("gus", "gus-password");
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.header("Location")).contains("/login?error=true&wait=");
        assertThat(form.getCookies()).doesNotContainKey(Sessions.COOKIE);
        String page = given().get(form.header("Location").replaceFirst("^https?://[^/]+", "")).asString();
        assertThat(page).contains("Too many failed logins").containsPattern("Wait \\d+ seconds");

        assertThat(me("hal", "hal-password").statusCode()).as("another account from the same address").isEqualTo(200);
    }

    @Test
    @Order(2)
    void anUnknownUserNameFailsAsSlowlyAsAWrongPasswordAndIsThrottledAlike() {
        for (int i = 0; i < 5; i++) {
            student("known" + i);
        }
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(timed("known" + i));
            unknown.add(timed("nobody" + i));
        }
        long knownMedian = known.stream().sorted().toList().get(2);
        long unknownMedian = unknown.stream().sorted().toList().get(2);
        assertThat(unknownMedian).as("median ms of an unknown name (known: %d ms, all: %s vs %s)", knownMedian,
                unknown, known).isGreaterThanOrEqualTo(knownMedian / 2);

        for (int i = 0; i < 3; i++) {
            me("ghost", "guess-" + i).then().statusCode(401);
        }
        me("ghost", "guess").then().statusCode(429).body("error", containsString("too many failed logins"));
    }

    private static long timed(String user) {
        long start = System.nanoTime();
        me(user, "a-wrong-password").then().statusCode(401);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    @Order(3)
    void anAddressWaitsAfterManyFailuresAcrossAccounts() {
        student("ida");
        for (int i = 0; i < 40; i++) {
            Response guess = me("spray" + i, "guess");
            if (guess.statusCode() == 429) {
                break;
            }
            assertThat(guess.statusCode()).isEqualTo(401);
        }
        Response api = me("ida", "ida-password");
        assertThat(api.statusCode()).as("a right password from a throttled address").isEqualTo(429);
        assertThat(api.jsonPath().getString("error")).contains("from this address");
        assertThat(formLogin("ida", "ida-password").header("Location")).contains("wait=");
    }
}
