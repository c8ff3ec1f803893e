package threadmark.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import threadmark.testing.Api;
import threadmark.web.BrowserSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static threadmark.testing.Api.awaitGraded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/** Staff see where a class is stuck: each test's failure rate over real gradings, and the submissions, filtered. */
@Tag("sandbox")
@QuarkusTest
class ExerciseInsightTest {

    private static final Path START_JOIN = Path.of("exercises/start-join/solutions");

    private static long submit(String student, String solution) throws IOException {
        String source = Files.readString(START_JOIN.resolve(solution).resolve("Splitter.java"));
        return Api.submit(Api.student(student), "start-join", Map.of("Splitter.java", source));
    }

    @Test
    void staffSeeWhichTestsFailMostAndFilterTheSubmissions() throws Exception {
        long lenas = submit("lena", "no-join");
        long mikes = submit("mike", "reference");
        // A compile error runs no test: it is counted apart, not as a failure of every test.
        long ninas = Api.submit(Api.student("nina"), "start-join", Map.of("Splitter.java", "public class Splitter {"));
        awaitGraded(lenas);
        awaitGraded(mikes);
        awaitGraded(ninas);

        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        String page = staff.get("/staff/insight/start-join").asString();
        assertThat(page).contains("3 students, 3 submissions");
        assertThat(page).contains("1 submission is not counted above: no test ran");
        assertThat(page).containsPattern("id=\"failing-sumsWhenThreadsDivideN\">.*1 / 2 \\(50%\\)");
        assertThat(page).containsPattern("id=\"failing-sumsWhenFewerNumbersThanThreads\">.*[01] / 2");
        assertThat(page).contains("/submissions/" + lenas, "/submissions/" + mikes);

        String lenaOnly = staff.get("/staff/insight/start-join?student=lena").asString();
        assertThat(lenaOnly).contains("/submissions/" + lenas).doesNotContain("/submissions/" + mikes + "\"");
        String fullMarks = staff.get("/staff/insight/start-join?minScore=100").asString();
        assertThat(fullMarks).contains("/submissions/" + mikes).doesNotContain("/submissions/" + lenas + "\"");
        assertThat(staff.get("/staff/insight/start-join?status=LOST").statusCode()).isEqualTo(400);
        assertThat(staff.get("/staff/insight/no-such-exercise").statusCode()).isEqualTo(404);
        assertThat(BrowserSession.login("lena", "lena-password").get("/staff/insight/start-join").statusCode())
                .isEqualTo(403);
    }
}
