package threadmark.course;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;
import threadmark.web.BrowserSession;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Staff enrol students from a CSV roster: everyone on a good roster is enrolled, and a bad one enrols nobody. */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class CourseRosterTest {

    private static RequestSpecification instructor() {
        return given().auth().preemptive().basic("instructor", "instructor");
    }

    private static void createCourse(String slug) {
        instructor().contentType(ContentType.JSON).body(Map.of("slug", slug, "title", "Roster " + slug))
                .post("/api/courses").then().statusCode(201).body("counting", equalTo("BEST"));
    }

    @Test
    void aRosterWithAnyBadLineEnrolsNobodyAndNamesEveryProblem() {
        createCourse("roster-bad");
        instructor().contentType("text/csv").body("""
                        Username,Email,SIS ID,Display name
                        rb-one,rb-one@example.edu,R1,One
                        rb two,not-an-email,R1,Two
                        rb-one,,,Again
                        """)
                .post("/api/courses/roster-bad/roster").then().statusCode(400)
                .body("error", allOf(containsString("nobody was enrolled"),
                        containsString("line 3: username 'rb two' may only hold letters"),
                        containsString("line 3: 'not-an-email' is not an email address"),
                        containsString("line 3: SIS id 'R1' appears twice"),
                        containsString("line 4: username 'rb-one' appears twice")));
        instructor().contentType("text/csv").body("name,favourite colour\nx,blue\n")
                .post("/api/courses/roster-bad/roster").then().statusCode(400)
                .body("error", allOf(containsString("unknown column 'favourite colour'"),
                        containsString("must name a 'username' column")));
        instructor().contentType("text/csv").body("username\ninstructor\n")
                .post("/api/courses/roster-bad/roster").then().statusCode(400)
                .body("error", containsString("'instructor' is a staff account, not a student"));
        instructor().contentType("text/csv").body("").post("/api/courses/roster-bad/roster").then().statusCode(400);
        instructor().get("/api/courses/roster-bad").then().body("students", hasSize(0));
        given().get("/api/users/me").then().statusCode(401);
        given().auth().preemptive().basic("rb-one", "whatever-password").get("/api/users/me").then().statusCode(401);
    }

    @Test
    void aGoodRosterEnrolsEveryoneMakesAccountsAndCanBeImportedAgain() {
        createCourse("roster-good");
        var created = instructor().contentType("text/csv").body("""
                        username,email,sis_id,display_name,section,password
                        rg-ann,ann@example.edu,G1,"Archer, Ann",Mon,
                        rg-bob,bob@example.edu,G2,Bob Bell,Tue,bob-password-1
                        """)
                .post("/api/courses/roster-good/roster").then().statusCode(200)
                .body("enrolled", equalTo(2)).body("alreadyEnrolled", equalTo(0))
                .body("created", hasSize(1)).body("created[0].username", equalTo("rg-ann"))
                .extract().jsonPath();
        String annPassword = created.getString("created[0].password");
        assertThat(annPassword).hasSizeGreaterThanOrEqualTo(12);
        given().auth().preemptive().basic("rg-ann", annPassword).get("/api/users/me").then().statusCode(200)
                .body("mustChangePassword", equalTo(true));
        given().auth().preemptive().basic("rg-bob", "bob-password-1").get("/api/users/me").then().statusCode(200)
                .body("mustChangePassword", equalTo(true));
        // The instructor chose or saw these passwords: the students set their own before anything else.
        given().auth().preemptive().basic("rg-bob", "bob-password-1").get("/api/exercises/race-counter/submissions")
                .then().statusCode(403).body("error", org.hamcrest.Matchers.containsString("one-time password"));

        instructor().get("/api/courses/roster-good").then()
                .body("students.username", org.hamcrest.Matchers.contains("rg-ann", "rg-bob"))
                .body("students[0].name", equalTo("Archer, Ann")).body("students[0].sisId", equalTo("G1"))
                .body("students[1].section", equalTo("Tue"));
        instructor().contentType("text/csv").body("username,section\nrg-ann,Wed\n")
                .post("/api/courses/roster-good/roster").then().statusCode(200)
                .body("enrolled", equalTo(0)).body("alreadyEnrolled", equalTo(1)).body("created", hasSize(0));
        instructor().get("/api/courses/roster-good").then().body("students[0].section", equalTo("Wed"));
        instructor().contentType(ContentType.JSON).body(Map.of("username", "rg-cy", "sisId", "G1"))
                .post("/api/courses/roster-good/students").then().statusCode(400)
                .body("error", containsString("SIS id 'G1' already belongs to 'rg-ann'"));
        // A roster never changes an existing account's password: it says so and the student keeps theirs.
        var ignored = instructor().contentType("text/csv").body("username,password\nrg-bob,bob-password-2\n")
                .post("/api/courses/roster-good/roster").then().statusCode(200);
        given().auth().preemptive().basic("rg-bob", "bob-password-2").get("/api/users/me").then().statusCode(401);
        given().auth().preemptive().basic("rg-bob", "bob-password-1").get("/api/users/me").then().statusCode(200);
        ignored.body("passwordsIgnored", org.hamcrest.Matchers.contains("rg-bob"));
        instructor().delete("/api/courses/roster-good/students/rg-bob").then().statusCode(204);
        instructor().delete("/api/courses/roster-good/students/rg-bob").then().statusCode(404);
        instructor().contentType(ContentType.JSON).body(Map.of("slug", "roster-good", "title", "Again"))
                .post("/api/courses").then().statusCode(409);
        instructor().contentType(ContentType.JSON).body(Map.of("slug", "Bad Slug!", "title", "x"))
                .post("/api/courses").then().statusCode(400).body("error", containsString("slug"));
        given().auth().preemptive().basic("rg-ann", annPassword).get("/api/courses").then().statusCode(403);
    }

    @Test
    void staffRunACourseFromItsPage() {
        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        assertThat(staff.get("/staff/courses").statusCode()).isEqualTo(200);
        given().cookies(staff.cookies).formParams(Map.of("title", "Page course", "slug", "page-course",
                        "counting", "LAST", "csrf-token", staff.formToken))
                .redirects().follow(false).post("/staff/courses").then().statusCode(303)
                .header("Location", containsString("/staff/courses/page-course"));
        given().cookies(staff.cookies).formParams(Map.of("username", "pc-dan", "email", "dan@example.edu",
                        "section", "Fri", "csrf-token", staff.formToken))
                .post("/staff/courses/page-course/students").then().statusCode(200)
                .body(containsString("Enrolled pc-dan."), containsString("id=\"new-accounts\""));
        given().cookies(staff.cookies).formParams(Map.of("exercise", "race-counter", "dueAt", "2030-03-01T23:59",
                        "latePenaltyPerDay", "10", "csrf-token", staff.formToken))
                .post("/staff/courses/page-course/assignments").then().statusCode(200)
                .body(containsString("Assigned race-counter."));
        instructor().get("/api/courses/page-course").then().body("counting", equalTo("LAST"))
                .body("assignments[0].dueAt", equalTo("2030-03-01T23:59:00Z"))
                .body("assignments[0].latePenaltyPerDay", equalTo(10.0f));
        given().cookies(staff.cookies).formParams(Map.of("exercise", "race-counter", "dueAt", "soon",
                        "csrf-token", staff.formToken))
                .post("/staff/courses/page-course/assignments").then().statusCode(400)
                .body(containsString("the due date &#39;soon&#39; is not a date and time"));
        given().cookies(staff.cookies).formParams(Map.of("title", "x", "slug", "no csrf"))
                .post("/staff/courses").then().statusCode(400);
        String csv = staff.get("/staff/gradebooks/page-course?layout=canvas").asString();
        assertThat(csv).startsWith("Student,ID,SIS User ID,SIS Login ID,Section,A counter that never loses an update,Final Points");
        assertThat(staff.get("/staff/gradebooks/page-course?layout=excel").statusCode()).isEqualTo(400);
        instructor().contentType(ContentType.JSON)
                .body(Map.of("username", "pc-eve", "password", "pc-eve-password", "role", "STUDENT"))
                .post("/api/users").then().statusCode(201);
        BrowserSession student = BrowserSession.login("pc-eve", "pc-eve-password");
        assertThat(student.get("/staff/courses/page-course").statusCode()).isEqualTo(403);
        assertThat(student.get("/staff/gradebooks/page-course").statusCode()).isEqualTo(403);
    }
}
