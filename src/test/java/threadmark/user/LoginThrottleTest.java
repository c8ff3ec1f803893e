package threadmark.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Finding 5 of issue 14: password guessing is throttled per account and per address, through the login form and
 * HTTP Basic alike, with the wait said; an unknown user name fails as slowly as a wrong password.
 *
 * <p>It shares the accounts profile's server with {@link PasswordLifecycleTest}: each test logs in from an address of
 * its own (the profile honours {@code X-Forwarded-For}, as behind the TLS-ending proxy), so the addresses it gets
 * throttled are nobody else's, and its students are made directly, since that server's instructor has no password
 * known in advance.
 */
@QuarkusTest
@TestProfile(AccountsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginThrottleTest {

    @Inject
    AccountsConfig config;

    private static void student(String username) {
        QuarkusTransaction.requiringNew().run(() -> User.create(username, username + "-password", Role.STUDENT));
    }

    private static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }

    private static Response me(String address, String user, String password) {
        return from(address).auth().preemptive().basic(user, password).get("/api/users/me");
    }

    private static Response formLogin(String address, String user, String password) {
        return from(address).redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
    }

    @Test
    @Order(1)
    void anAccountWaitsAfterRepeatedFailuresEvenWithTheRightPasswordAndIsToldHowLong() {
        String address = "198.51.100.1";
        student("gus");
        student("hal");
        for (int i = 0; i < config.logins().accountFailures(); i++) {
            assertThat(me(address, "gus", "guess-" + i).statusCode()).isEqualTo(401);
        }
        Response api = me(address, "gus", "gus-password");
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat((long) Integer.parseInt(api.header("Retry-After")))
                .isBetween(1L, config.logins().firstDelay().toSeconds());
        assertThat(api.jsonPath().getString("error")).contains("too many failed logins", "try again in");

        Response form = formLogin(address, "gus", "gus-password");
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.header("Location")).contains("/login?error=true&wait=");
        assertThat(form.getCookies()).doesNotContainKey(Sessions.COOKIE);
        String page = given().get(form.header("Location").replaceFirst("^https?://[^/]+", "")).asString();
        assertThat(page).contains("Too many failed logins").containsPattern("Wait \\d+ seconds");

        assertThat(me(address, "hal", "hal-password").statusCode()).as("another account from the same address")
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void anUnknownUserNameFailsAsSlowlyAsAWrongPasswordAndIsThrottledAlike() {
        String address = "198.51.100.2";
        for (int i = 0; i < 5; i++) {
            student("known" + i);
        }
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(timed(address, "known" + i));
            unknown.add(timed(address, "nobody" + i));
        }
        long knownMedian = known.stream().sorted().toList().get(2);
        long unknownMedian = unknown.stream().sorted().toList().get(2);
        assertThat(unknownMedian).as("median ms of an unknown name (known: %d ms, all: %s vs %s)", knownMedian,
                unknown, known).isGreaterThanOrEqualTo(knownMedian / 2);

        for (int i = 0; i < config.logins().accountFailures(); i++) {
            me(address, "ghost", "guess-" + i).then().statusCode(401);
        }
        me(address, "ghost", "guess").then().statusCode(429).body("error", containsString("too many failed logins"));
    }

    private static long timed(String address, String user) {
        long start = System.nanoTime();
        me(address, user, "a-wrong-password").then().statusCode(401);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    @Order(3)
    void anAddressWaitsAfterManyFailuresAcrossAccounts() {
        String address = "198.51.100.3";
        student("ida");
        for (int i = 0; i < config.logins().addressFailures(); i++) {
            Response guess = me(address, "spray" + i, "guess");
            if (guess.statusCode() == 429) {
                break;
            }
            assertThat(guess.statusCode()).isEqualTo(401);
        }
        Response api = me(address, "ida", "ida-password");
        assertThat(api.statusCode()).as("a right password from a throttled address").isEqualTo(429);
        assertThat(api.jsonPath().getString("error")).contains("from this address");
        assertThat(formLogin(address, "ida", "ida-password").header("Location")).contains("wait=");
        assertThat(me("198.51.100.4", "ida", "ida-password").statusCode()).as("the same account from elsewhere")
                .isEqualTo(200);
    }
}
