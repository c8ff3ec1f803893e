package threadmark.user;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import threadmark.web.BrowserSession;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Finding 1 of issue 14: no working default password; a one-time first password that must be changed; everyone
 * changes their own; staff reset a student's (logged); accounts can be disabled. The first test is the first start.
 */
@QuarkusTest
@TestProfile(AccountsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordLifecycleTest {

    private static final Pattern ONE_TIME = Pattern.compile("one-time password (\\S+)");
    private static final String INSTRUCTOR_PASSWORD = "a-password-of-my-own";

    private static String log() throws IOException {
        return Files.readString(AccountsProfile.LOG);
    }

    private static io.restassured.specification.RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    private static void createStudent(String username) {
        as("instructor", INSTRUCTOR_PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", username + "-password", "role", "STUDENT"))
                .post("/api/users").then().statusCode(201);
    }

    @Test
    @Order(1)
    void theFirstStartPrintsAOneTimePasswordOnceAndItMustBeChangedAtTheFirstLogin() throws IOException {
        Matcher printed = ONE_TIME.matcher(log());
        assertThat(printed.find()).as("the log names the first instructor's one-time password").isTrue();
        String oneTime = printed.group(1);
        assertThat(printed.find()).as("printed once").isFalse();
        as("instructor", "instructor").get("/api/users/me").then().statusCode(401);

        as("instructor", oneTime).get("/api/users/me").then().statusCode(200).body("mustChangePassword", equalTo(true));
        as("instructor", oneTime).get("/api/courses/any/gradebook.csv").then().statusCode(403)
                .body("error", containsString("change it first"));

        BrowserSession browser = BrowserSession.login("instructor", oneTime);
        Response held = browser.get("/staff/courses");
        assertThat(held.statusCode()).isEqualTo(303);
        assertThat(held.header("Location")).endsWith("/account/password");
        assertThat(browser.get("/account/password").asString()).contains("one-time password");
        Response mismatch = browser.postForm("/account/password", Map.of("currentPassword", oneTime,
                "newPassword", INSTRUCTOR_PASSWORD, "repeatPassword", "something else", "csrf-token", browser.formToken));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.asString()).contains("the two new passwords differ");
        Response changed = browser.postForm("/account/password", Map.of("currentPassword", oneTime,
                "newPassword", INSTRUCTOR_PASSWORD, "repeatPassword", INSTRUCTOR_PASSWORD, "csrf-token", browser.formToken));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(browser.get("/staff/courses").statusCode()).isEqualTo(200);

        as("instructor", oneTime).get("/api/users/me").then().statusCode(401);
        as("instructor", INSTRUCTOR_PASSWORD).get("/api/users/me").then().statusCode(200)
                .body("mustChangePassword", equalTo(false));
    }

    @Test
    @Order(2)
    void everyoneChangesTheirOwnPasswordKnowingTheCurrentOne() {
        createStudent("amy");
        as("amy", "amy-password").contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "a-guess", "newPassword", "amy-new-password"))
                .put("/api/users/me/password").then().statusCode(400).body("error", equalTo("the current password is wrong"));
        as("amy", "amy-password").contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "amy-password", "newPassword", "short"))
                .put("/api/users/me/password").then().statusCode(400).body("error", containsString("at least 8"));
        as("amy", "amy-password").contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "amy-password", "newPassword", "amy-new-password"))
                .put("/api/users/me/password").then().statusCode(204);
        as("amy", "amy-password").get("/api/users/me").then().statusCode(401);
        as("amy", "amy-new-password").get("/api/users/me").then().statusCode(200);
    }

    @Test
    @Order(3)
    void staffResetAStudentsPasswordToAOneTimeOneAndTheResetIsLogged() throws IOException {
        createStudent("ben");
        createStudent("cleo");
        Response reset = as("instructor", INSTRUCTOR_PASSWORD).contentType(ContentType.JSON).post("/api/users/ben/password-reset");
        assertThat(reset.statusCode()).isEqualTo(200);
        String oneTime = reset.jsonPath().getString("password");
        assertThat(oneTime).hasSizeGreaterThanOrEqualTo(12);
        assertThat(log()).contains("instructor (ADMIN) reset the password of ben (STUDENT)");

        as("ben", "ben-password").get("/api/users/me").then().statusCode(401);
        as("ben", oneTime).get("/api/exercises/race-counter/submissions").then().statusCode(403)
                .body("error", containsString("one-time password"));
        as("ben", oneTime).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", oneTime, "newPassword", "ben-own-password"))
                .put("/api/users/me/password").then().statusCode(204);
        as("ben", "ben-own-password").get("/api/exercises/race-counter/submissions").then().statusCode(200);

        as("cleo", "cleo-password").contentType(ContentType.JSON).post("/api/users/ben/password-reset").then().statusCode(403);
        as("instructor", INSTRUCTOR_PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("username", "ivan", "password", "ivan-password", "role", "INSTRUCTOR"))
                .post("/api/users").then().statusCode(201);
        as("ivan", "ivan-password").contentType(ContentType.JSON).post("/api/users/instructor/password-reset").then().statusCode(403)
                .body("error", containsString("only an admin"));
        as("ivan", "ivan-password").contentType(ContentType.JSON).post("/api/users/cleo/password-reset").then()
                .statusCode(403).body("error", containsString("only the instructors of a course that enrols cleo"));
        as("ivan", "ivan-password").contentType(ContentType.JSON)
                .body(Map.of("slug", "ivans-course", "title", "Ivan's course", "counting", "BEST"))
                .post("/api/courses").then().statusCode(201);
        as("ivan", "ivan-password").contentType(ContentType.JSON).body(Map.of("username", "cleo"))
                .post("/api/courses/ivans-course/students").then().statusCode(200);
        as("ivan", "ivan-password").contentType(ContentType.JSON).post("/api/users/cleo/password-reset").then()
                .statusCode(200);
        assertThat(log()).contains("ivan (INSTRUCTOR) reset the password of cleo (STUDENT)");
        as("instructor", INSTRUCTOR_PASSWORD).get("/api/users/me").then().statusCode(200);
    }

    @Test
    @Order(4)
    void aDisabledAccountCannotLogInAndItsOpenSessionEnds() throws IOException {
        createStudent("dora");
        BrowserSession open = BrowserSession.login("dora", "dora-password");
        assertThat(open.get("/exercises").statusCode()).isEqualTo(200);

        as("instructor", INSTRUCTOR_PASSWORD).contentType(ContentType.JSON).body(Map.of("disabled", true))
                .put("/api/users/dora/status").then().statusCode(204);
        as("dora", "dora-password").get("/api/users/me").then().statusCode(401);
        Response login = given().redirects().follow(false).formParam("j_username", "dora")
                .formParam("j_password", "dora-password").post("/j_security_check");
        assertThat(login.header("Location")).contains("error");
        Response page = open.get("/exercises");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).contains("/login");
        assertThat(log()).as("who disabled whom").contains("instructor (ADMIN) disabled the account of dora");

        as("dora", "dora-password").contentType(ContentType.JSON).body(Map.of("disabled", false))
                .put("/api/users/dora/status").then().statusCode(401);
        as("instructor", INSTRUCTOR_PASSWORD).contentType(ContentType.JSON).body(Map.of("disabled", false))
                .put("/api/users/dora/status").then().statusCode(204);
        as("dora", "dora-password").get("/api/users/me").then().statusCode(200).body("disabled", equalTo(false));
    }

    @Test
    @Order(5)
    void theSessionKeyIsNeverWrittenToTheLog() throws IOException {
        BrowserSession.login("instructor", INSTRUCTOR_PASSWORD).get("/exercises");
        assertThat(log()).as("Quarkus logs a key it made up; a configured one never")
                .doesNotContain("Encryption key was not specified", "temporary key");
    }
}
