package threadmark.course;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;
import threadmark.web.BrowserSession;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Staff roles are per course: each member of staff sees and changes only the courses they hold a role in, teaching
 * assistants see and grade but change nothing, and only a platform admin makes admins. Nothing is graded here.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class CourseRolesTest {

    private static final String SOURCE = "public class Counter { public void increment() {} public long get() { return 0; } }";

    @BeforeEach
    void createAccounts() {
        for (String staff : new String[] {"cr-owner", "cr-other", "cr-ta"}) {
            create(staff, "INSTRUCTOR");
        }
        for (String student : new String[] {"cr-victim", "cr-pupil", "cr-loner"}) {
            create(student, "STUDENT");
        }
    }

    private static void create(String username, String role) {
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", username + "-password", "role", role))
                .post("/api/users").then().statusCode(anyOf(equalTo(201), equalTo(409)));
    }

    /** The first account, made at first start, is the platform admin. */
    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("instructor", "instructor");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-password");
    }

    private static void course(String owner, String slug) {
        as(owner).contentType(ContentType.JSON).body(Map.of("slug", slug, "title", "Course " + slug))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
    }

    private static long submit(String student) {
        return as(student).contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", SOURCE)))
                .post("/api/exercises/race-counter/submissions").then().statusCode(202)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void staffSeeAndChangeOnlyTheCoursesTheyHoldARoleIn() {
        course("cr-owner", "cr-mine");
        course("cr-other", "cr-theirs");
        as("cr-owner").contentType("text/csv").body("username,email\ncr-victim,victim@example.edu\n")
                .post("/api/courses/cr-mine/roster").then().statusCode(200);

        as("cr-other").get("/api/courses").then().statusCode(200)
                .body("slug", hasItem("cr-theirs")).body("slug", not(hasItem("cr-mine")));
        Map<String, Response> refused = Map.of(
                "GET course", as("cr-other").get("/api/courses/cr-mine"),
                "PATCH course", as("cr-other").contentType(ContentType.JSON).body(Map.of("title", "Taken"))
                        .patch("/api/courses/cr-mine"),
                "PUT assignment (cut-off)", as("cr-other").contentType(ContentType.JSON)
                        .body(Map.of("dueAt", "2030-01-01T00:00:00Z", "cutoffAt", "2030-01-01T00:00:00Z"))
                        .put("/api/courses/cr-mine/assignments/race-counter"),
                "GET gradebook", as("cr-other").get("/api/courses/cr-mine/gradebook"),
                "GET gradebook.csv", as("cr-other").get("/api/courses/cr-mine/gradebook.csv?layout=moodle"),
                "POST roster", as("cr-other").contentType("text/csv").body("username\ncr-loner\n")
                        .post("/api/courses/cr-mine/roster"),
                "POST student", as("cr-other").contentType(ContentType.JSON).body(Map.of("username", "cr-loner"))
                        .post("/api/courses/cr-mine/students"),
                "DELETE student", as("cr-other").delete("/api/courses/cr-mine/students/cr-victim"),
                "PUT staff (granting oneself)", as("cr-other").contentType(ContentType.JSON)
                        .body(Map.of("role", "INSTRUCTOR")).put("/api/courses/cr-mine/staff/cr-other"));
        refused.forEach((what, response) -> {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
            assertThat(response.jsonPath().getString("error")).as(what)
                    .contains("you hold no role in course 'cr-mine'");
        });
        BrowserSession other = BrowserSession.login("cr-other", "cr-other-password");
        assertThat(other.get("/staff/courses").asString()).contains("cr-theirs").doesNotContain("cr-mine");
        assertThat(other.get("/staff/courses/cr-mine").statusCode()).isEqualTo(403);
        assertThat(other.get("/staff/gradebooks/cr-mine").statusCode()).isEqualTo(403);
        other.get("/staff/courses/cr-theirs");
        assertThat(other.postForm("/staff/courses/cr-mine/settings",
                Map.of("title", "Taken", "csrf-token", other.formToken)).statusCode()).isEqualTo(403);
        as("cr-owner").get("/api/courses/cr-mine").then().statusCode(200).body("title", equalTo("Course cr-mine"))
                .body("students.username", hasItem("cr-victim"));

        as("cr-owner").contentType(ContentType.JSON).body(Map.of("role", "ASSISTANT"))
                .put("/api/courses/cr-mine/staff/cr-ta").then().statusCode(200).body("role", equalTo("ASSISTANT"));
        as("cr-ta").get("/api/courses/cr-mine").then().statusCode(200);
        as("cr-ta").get("/api/courses/cr-mine/gradebook.csv").then().statusCode(200);
        String assistantsPage = BrowserSession.login("cr-ta", "cr-ta-password").get("/staff/courses/cr-mine").asString();
        assertThat(assistantsPage).contains("id=\"gradebook\"", "cr-victim")
                .doesNotContain("id=\"roster-form\"", "id=\"settings-form\"", "id=\"staff-form\"");
        assertThat(BrowserSession.login("cr-owner", "cr-owner-password").get("/staff/courses/cr-mine").asString())
                .contains("id=\"roster-form\"", "id=\"settings-form\"", "id=\"staff-form\"");
        Map<String, Response> assistantRefused = Map.of(
                "PATCH course", as("cr-ta").contentType(ContentType.JSON).body(Map.of("counting", "LAST"))
                        .patch("/api/courses/cr-mine"),
                "PUT assignment", as("cr-ta").contentType(ContentType.JSON).body(Map.of("dueAt", "2030-01-01T00:00:00Z"))
                        .put("/api/courses/cr-mine/assignments/race-counter"),
                "POST roster", as("cr-ta").contentType("text/csv").body("username\ncr-loner\n")
                        .post("/api/courses/cr-mine/roster"),
                "PUT staff", as("cr-ta").contentType(ContentType.JSON).body(Map.of("role", "INSTRUCTOR"))
                        .put("/api/courses/cr-mine/staff/cr-ta"));
        assistantRefused.forEach((what, response) -> {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
            assertThat(response.jsonPath().getString("error")).as(what).contains("only its instructors change");
        });
        as("cr-owner").get("/api/courses/cr-mine").then().body("counting", equalTo("BEST"))
                .body("students.username", not(hasItem("cr-loner")))
                .body("staff.find { it.username == 'cr-ta' }.role", equalTo("ASSISTANT"));

        as("cr-owner").delete("/api/courses/cr-mine/staff/cr-owner").then().statusCode(409)
                .body("error", containsString("no instructor left"));
        as("cr-owner").contentType(ContentType.JSON).body(Map.of("role", "ASSISTANT"))
                .put("/api/courses/cr-mine/staff/cr-victim").then().statusCode(400)
                .body("error", containsString("is a student account"));
        admin().get("/api/courses/cr-mine").then().statusCode(200);
    }

    @Test
    void staffReadAndRegradeOnlyTheWorkOfStudentsInTheirCourses() {
        course("cr-owner", "cr-work");
        course("cr-other", "cr-elsewhere");
        as("cr-owner").contentType("text/csv").body("username\ncr-pupil\n")
                .post("/api/courses/cr-work/roster").then().statusCode(200);
        as("cr-owner").contentType(ContentType.JSON).body(Map.of()).put("/api/courses/cr-work/assignments/race-counter")
                .then().statusCode(200);
        // Enrolling a student shows their work on this course's exercises only.
        as("cr-other").contentType("text/csv").body("username\ncr-pupil\n")
                .post("/api/courses/cr-elsewhere/roster").then().statusCode(200);
        long pupils = submit("cr-pupil");
        long loners = submit("cr-loner");

        as("cr-other").get("/api/submissions/" + pupils).then().statusCode(403);
        as("cr-other").contentType(ContentType.JSON).post("/api/submissions/" + pupils + "/regrades").then()
                .statusCode(403);
        as("cr-other").contentType(ContentType.JSON).post("/api/exercises/race-counter/regrades?student=cr-pupil")
                .then().statusCode(403);
        BrowserSession other = BrowserSession.login("cr-other", "cr-other-password");
        assertThat(other.get("/submissions/" + pupils).statusCode()).isEqualTo(403);
        assertThat(other.get("/submissions/" + pupils + "/events").statusCode()).isEqualTo(403);
        assertThat(other.get("/exercises/race-counter?from=" + pupils).statusCode()).isEqualTo(403);
        assertThat(other.get("/staff/submissions").asString()).doesNotContain("/submissions/" + pupils + "\"");
        assertThat(other.get("/staff/insight/race-counter").asString()).doesNotContain("/submissions/" + pupils + "\"");

        as("cr-ta").get("/api/submissions/" + pupils).then().statusCode(403);
        as("cr-owner").contentType(ContentType.JSON).body(Map.of("role", "ASSISTANT"))
                .put("/api/courses/cr-work/staff/cr-ta").then().statusCode(200);
        as("cr-ta").get("/api/submissions/" + pupils).then().statusCode(200).body("user", equalTo("cr-pupil"));
        as("cr-ta").contentType(ContentType.JSON).post("/api/submissions/" + pupils + "/regrades").then()
                .statusCode(202);
        as("cr-ta").get("/api/submissions/" + loners).then().statusCode(403);
        BrowserSession ta = BrowserSession.login("cr-ta", "cr-ta-password");
        assertThat(ta.get("/staff/submissions").asString()).contains("/submissions/" + pupils + "\"")
                .doesNotContain("/submissions/" + loners + "\"");
        admin().get("/api/submissions/" + loners).then().statusCode(200);
    }

    @Test
    void onlyAPlatformAdminCreatesAdmins() {
        as("cr-owner").contentType(ContentType.JSON)
                .body(Map.of("username", "cr-new-admin", "password", "cr-new-admin-password", "role", "ADMIN"))
                .post("/api/users").then().statusCode(403).body("error", containsString("only a platform admin"));
        given().auth().preemptive().basic("cr-new-admin", "cr-new-admin-password").get("/api/users/me")
                .then().statusCode(401);
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", "cr-new-admin", "password", "cr-new-admin-password", "role", "ADMIN"))
                .post("/api/users").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        as("cr-new-admin").get("/api/users/me").then().statusCode(200).body("role", equalTo("ADMIN"));
    }
}
