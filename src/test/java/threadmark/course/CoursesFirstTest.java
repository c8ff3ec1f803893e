package threadmark.course;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;
import threadmark.web.BrowserSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static threadmark.testing.Api.account;
import static threadmark.testing.Api.as;
import static threadmark.testing.Api.instructor;
import static threadmark.testing.Api.student;

/**
 * A student sees the courses they are enrolled in, each with the exercises it sets; an exercise no course of theirs
 * sets is neither listed nor opened nor submitted to, unless it is open for practice. Hidden and archived exercises
 * keep their submissions; staff see and try everything.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class CoursesFirstTest {

    private static final String MINE = "race-counter";
    private static final String THEIRS = "bank-transfer";
    private static final Map<String, Object> COUNTER = Map.of("files", Map.of("Counter.java",
            "public class Counter { public void increment() {} public long get() { return 0; } }"));

    @BeforeEach
    void twoCoursesAndAStudentInOne() {
        course("cf-a", "Threads for Beginners", MINE);
        course("cf-b", "Another Course", THEIRS);
        student("cf-anna");
        instructor().contentType(ContentType.JSON).body(Map.of("username", "cf-anna"))
                .post("/api/courses/cf-a/students").then().statusCode(200);
        listing(MINE, Map.of("visibility", "LISTED", "practice", false));
        listing(THEIRS, Map.of("visibility", "LISTED", "practice", false));
    }

    /** The test profile opens every exercise for practice, because most tests submit as students of no course. */
    @AfterEach
    void openForPracticeAgain() {
        listing(MINE, Map.of("visibility", "LISTED", "practice", true));
        listing(THEIRS, Map.of("visibility", "LISTED", "practice", true));
    }

    private static void course(String slug, String title, String exercise) {
        instructor().contentType(ContentType.JSON).body(Map.of("slug", slug, "title", title))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        instructor().contentType(ContentType.JSON).body(Map.of())
                .put("/api/courses/" + slug + "/assignments/" + exercise).then().statusCode(200);
    }

    private static void listing(String slug, Map<String, Object> change) {
        instructor().contentType(ContentType.JSON).body(change).put("/api/exercises/" + slug + "/listing")
                .then().statusCode(200);
    }

    private static RequestSpecification anna() {
        return as("cf-anna");
    }

    private static String starter(String slug, String file) {
        try {
            return Files.readString(Path.of("exercises", slug, "starter", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int submit(RequestSpecification who, String slug) {
        return who.contentType(ContentType.JSON).body(COUNTER).post("/api/exercises/" + slug + "/submissions")
                .then().extract().statusCode();
    }

    @Test
    void aStudentSeesTheirCoursesExercisesAndNoOthers() {
        List<String> listed = anna().get("/api/exercises").then().statusCode(200).extract().jsonPath().getList("slug");
        assertThat(listed).contains(MINE).doesNotContain(THEIRS);
        anna().get("/api/exercises/" + MINE).then().statusCode(200).body("prompt", containsString("Counter"));
        anna().get("/api/exercises/" + THEIRS).then().statusCode(404)
                .body("error", equalTo("no exercise '" + THEIRS + "' in your courses"));
        assertThat(submit(anna(), THEIRS)).isEqualTo(404);
        assertThat(submit(anna(), MINE)).isEqualTo(202);

        BrowserSession page = BrowserSession.login("cf-anna", "cf-anna-password");
        String list = page.get("/exercises").asString();
        assertThat(list).contains("id=\"course-cf-a\"", "Threads for Beginners", "id=\"exercise-" + MINE + "\"")
                .doesNotContain("id=\"exercise-" + THEIRS + "\"", "Another Course");
        assertThat(page.get("/exercises/" + THEIRS).statusCode()).isEqualTo(404);
        assertThat(page.get("/exercises/" + MINE).asString()).contains("<a href=\"/exercises\">Threads for Beginners</a>");

        given().get("/api/exercises").then().statusCode(401);
        given().get("/api/exercises/" + MINE).then().statusCode(401);
    }

    @Test
    void anExerciseOpenForPracticeIsOpenToEveryStudentApartFromTheirCourses() {
        listing(THEIRS, Map.of("practice", true));
        assertThat(anna().get("/api/exercises").then().extract().jsonPath().<String>getList("slug")).contains(THEIRS);
        anna().get("/api/exercises/" + THEIRS).then().statusCode(200);
        anna().contentType(ContentType.JSON).body(Map.of("files", Map.of("Bank.java", starter(THEIRS, "Bank.java"))))
                .post("/api/exercises/" + THEIRS + "/submissions").then().statusCode(202);
        String list = BrowserSession.login("cf-anna", "cf-anna-password").get("/exercises").asString();
        assertThat(list).contains("id=\"practice\"", "id=\"exercise-" + THEIRS + "\"");
        assertThat(list.indexOf("id=\"exercise-" + THEIRS + "\"")).isGreaterThan(list.indexOf("id=\"practice\""));
    }

    @Test
    void hiddenAndArchivedExercisesKeepEverySubmissionAndStaffStillSeeThem() {
        long earlier = anna().contentType(ContentType.JSON).body(COUNTER)
                .post("/api/exercises/" + MINE + "/submissions").then().statusCode(202).extract().jsonPath().getLong("id");

        listing(MINE, Map.of("visibility", "HIDDEN"));
        anna().get("/api/exercises").then().body("slug", not(hasItem(MINE)));
        anna().get("/api/exercises/" + MINE).then().statusCode(404);
        assertThat(submit(anna(), MINE)).isEqualTo(404);
        anna().get("/api/submissions/" + earlier).then().statusCode(200);
        instructor().get("/api/exercises/" + MINE).then().statusCode(200);
        assertThat(BrowserSession.login("instructor", "instructor").get("/exercises").asString())
                .contains("id=\"listing-" + MINE + "\"", "hidden from students");

        listing(MINE, Map.of("visibility", "ARCHIVED"));
        instructor().contentType(ContentType.JSON).body(COUNTER).post("/api/exercises/" + MINE + "/submissions")
                .then().statusCode(409).body("error", containsString("archived: it takes no new submissions"));
        anna().get("/api/submissions/" + earlier).then().statusCode(200);
        instructor().get("/api/courses/cf-a/gradebook").then().statusCode(200).body(containsString("cf-anna"));
    }

    @Test
    void onlyOwnersAndAdminsChangeWhoSeesAnExercise() {
        account("cf-ivan", "INSTRUCTOR");
        as("cf-ivan").contentType(ContentType.JSON).body(Map.of("visibility", "HIDDEN"))
                .put("/api/exercises/" + MINE + "/listing").then().statusCode(403)
                .body("error", containsString("only an admin"));
        anna().contentType(ContentType.JSON).body(Map.of("practice", true))
                .put("/api/exercises/" + THEIRS + "/listing").then().statusCode(403);
        instructor().contentType(ContentType.JSON).body(Map.of("visibility", "SECRET"))
                .put("/api/exercises/" + MINE + "/listing").then().statusCode(400);
        instructor().contentType(ContentType.JSON).body(Map.of("practice", true))
                .put("/api/exercises/no-such-exercise/listing").then().statusCode(404);
        anna().get("/api/exercises/" + MINE).then().statusCode(200);
    }
}
