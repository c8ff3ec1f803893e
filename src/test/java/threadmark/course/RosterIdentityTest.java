package threadmark.course;

import threadmark.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;
import threadmark.web.BrowserSession;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * A roster enrols; it does not take over accounts: an existing student keeps their password whatever the roster
 * says, and their email, SIS id and name (which LMS exports match on) change only when the course's instructor
 * confirms the listed changes, and never from a course that does not hold all of that student's courses.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class RosterIdentityTest {

    @BeforeEach
    void createStaff() {
        Api.account("ri-owner", "INSTRUCTOR");
        Api.account("ri-rival", "INSTRUCTOR");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-password");
    }

    private static void course(String owner, String slug) {
        as(owner).contentType(ContentType.JSON).body(Map.of("slug", slug, "title", "Course " + slug))
                .post("/api/courses").then().statusCode(201);
    }

    private static void canLogIn(String username, String password, boolean expected) {
        given().auth().preemptive().basic(username, password).get("/api/users/me").then()
                .statusCode(expected ? 200 : 401);
    }

    @Test
    void anotherCoursesRosterCannotResetAStudentsPasswordOrRewriteTheirIdentity() {
        course("ri-owner", "ri-home");
        course("ri-rival", "ri-raid");
        as("ri-owner").contentType("text/csv").body("""
                        username,email,sis_id,display_name,password
                        ri-carl,carl@example.edu,RI1,Carl Cole,carl-password-1
                        """)
                .post("/api/courses/ri-home/roster").then().statusCode(200).body("enrolled", equalTo(1));

        as("ri-rival").contentType("text/csv").body("username,email,display_name\nri-carl,mallory@example.net,Mallory\n")
                .post("/api/courses/ri-raid/roster?confirmIdentityChanges=true").then().statusCode(400)
                .body("error", containsString("'ri-carl' is also enrolled in ri-home, which you do not run"));
        as("ri-rival").contentType("text/csv").body("username,password\nri-carl,mallory-password\n")
                .post("/api/courses/ri-raid/roster").then().statusCode(200)
                .body("enrolled", equalTo(1)).body("passwordsIgnored", contains("ri-carl"));
        as("ri-rival").contentType(ContentType.JSON).body(Map.of("username", "ri-carl", "password", "mallory-password-2"))
                .post("/api/courses/ri-raid/students").then().statusCode(200)
                .body("alreadyEnrolled", equalTo(1)).body("passwordsIgnored", contains("ri-carl"));
        canLogIn("ri-carl", "mallory-password", false);
        canLogIn("ri-carl", "mallory-password-2", false);
        canLogIn("ri-carl", "carl-password-1", true);
        as("ri-owner").get("/api/courses/ri-home").then()
                .body("students.find { it.username == 'ri-carl' }.email", equalTo("carl@example.edu"))
                .body("students.find { it.username == 'ri-carl' }.name", equalTo("Carl Cole"));
    }

    @Test
    void identityChangesAreListedAndAppliedOnlyWhenConfirmed() {
        course("ri-owner", "ri-fix");
        as("ri-owner").contentType("text/csv").body("username,email\nri-dora,dora@example.edu\n")
                .post("/api/courses/ri-fix/roster").then().statusCode(200);
        String changed = "username,email,section\nri-dora,dora.d@example.edu,Thu\n";

        as("ri-owner").contentType("text/csv").body(changed).post("/api/courses/ri-fix/roster").then()
                .statusCode(409).body("error", containsString("nobody was enrolled"))
                .body("error", containsString("'ri-dora' email 'dora@example.edu' → 'dora.d@example.edu'"))
                .body("error", containsString("confirmIdentityChanges=true"));
        as("ri-owner").get("/api/courses/ri-fix").then()
                .body("students[0].email", equalTo("dora@example.edu")).body("students[0].section", equalTo(null));

        BrowserSession owner = BrowserSession.login("ri-owner", "ri-owner-password");
        owner.get("/staff/courses/ri-fix");
        given().cookies(owner.cookies).multiPart("csrf-token", owner.formToken)
                .multiPart("roster", "roster.csv", changed.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/staff/courses/ri-fix/roster").then().statusCode(409)
                .body(containsString("dora.d@example.edu"));

        as("ri-owner").contentType("text/csv").body(changed)
                .post("/api/courses/ri-fix/roster?confirmIdentityChanges=true").then().statusCode(200)
                .body("identityChanges.field", contains("email"))
                .body("identityChanges[0].from", equalTo("dora@example.edu"));
        as("ri-owner").get("/api/courses/ri-fix").then()
                .body("students[0].email", equalTo("dora.d@example.edu")).body("students[0].section", equalTo("Thu"))
                .body("students.username", hasItem("ri-dora")).body("students.username", not(hasItem("ri-carl")));
        // A blank field is filled in without asking (and logged).
        as("ri-owner").contentType("text/csv").body("username,sis_id\nri-dora,RI2\n")
                .post("/api/courses/ri-fix/roster").then().statusCode(200)
                .body("identityChanges[0].field", equalTo("SIS id")).body("identityChanges[0].from", equalTo(null));
        as("ri-owner").get("/api/courses/ri-fix").then().body("students[0].sisId", equalTo("RI2"));
    }
}
