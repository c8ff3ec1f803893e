package threadmark.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import threadmark.web.BrowserSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static threadmark.testing.Api.instructor;
import static threadmark.testing.Api.student;
import static threadmark.testing.Api.submit;

/**
 * The staff's submissions page finds a course's, an exercise's, a student's or a status's submissions, newest first,
 * a page at a time, and says so when nothing matches.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class RecentSubmissionsPageTest {

    private static final Pattern ROW = Pattern.compile("<td><a href=\"/submissions/(\\d+)\">");
    private static final Map<String, String> COUNTER = Map.of("Counter.java",
            "public class Counter { public void increment() {} public long get() { return 0; } }");

    private static List<Long> ids(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    @Test
    void filtersByCourseStudentAndStatusAndPagesNewestFirst() {
        student("rs-kim");
        student("rs-lee");
        instructor().contentType(ContentType.JSON).body(Map.of("slug", "rs-course", "title", "Filters"))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        instructor().contentType(ContentType.JSON).body(Map.of())
                .put("/api/courses/rs-course/assignments/race-counter").then().statusCode(200);
        instructor().contentType(ContentType.JSON).body(Map.of("username", "rs-kim"))
                .post("/api/courses/rs-course/students").then().statusCode(200);
        long first = submit("rs-kim", "race-counter", COUNTER);
        long second = submit("rs-kim", "race-counter", COUNTER);
        long third = submit("rs-kim", "race-counter", COUNTER);
        long other = submit("rs-lee", "race-counter", COUNTER);

        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        String kim = staff.get("/staff/submissions?course=rs-course&exercise=race-counter&size=2").asString();
        assertThat(ids(kim)).containsExactly(third, second);
        assertThat(kim).contains("href=\"/staff/submissions?page=2&amp;size=2&amp;course=rs-course&amp;exercise=race-counter\"")
                .doesNotContain("id=\"previous-page\"");
        String older = staff.get("/staff/submissions?page=2&size=2&course=rs-course&exercise=race-counter").asString();
        assertThat(ids(older)).containsExactly(first);
        assertThat(older).contains("id=\"previous-page\"").doesNotContain("id=\"next-page\"");

        assertThat(ids(staff.get("/staff/submissions?student=rs-lee").asString())).containsExactly(other);
        assertThat(ids(staff.get("/staff/submissions?student=rs-kim&status=queued").asString()))
                .containsExactly(third, second, first);
        assertThat(staff.get("/staff/submissions?student=rs-kim&status=ERROR").asString())
                .contains("No submission matches these filters.");
        assertThat(staff.get("/staff/submissions?status=LOST").statusCode()).isEqualTo(400);
        assertThat(staff.get("/staff/submissions?page=0").statusCode()).isEqualTo(400);
    }
}
