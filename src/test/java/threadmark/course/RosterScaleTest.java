package threadmark.course;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A roster of 2,000 new students (the most one may hold) imports in one request: 2,000 bcrypt hashes are minutes of
 * CPU, more than a transaction may last (60 s), so they are computed before the accounts are stored.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class RosterScaleTest {

    @Test
    void aRosterOfTwoThousandNewStudentsImportsAndEveryoneCanLogIn() {
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("slug", "rs-big", "title", "A large course")).post("/api/courses").then().statusCode(201);
        StringBuilder csv = new StringBuilder("username,email,sis_id,section\n");
        for (int i = 0; i < RosterCsv.MAX_STUDENTS; i++) {
            csv.append("rs-").append(i).append(",rs-").append(i).append("@example.edu,RS").append(i)
                    .append(",S").append(i % 7).append('\n');
        }
        long started = System.nanoTime();
        JsonPath result = given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 900_000)))
                .auth().preemptive().basic("instructor", "instructor").contentType("text/csv")
                .body(csv.toString()).post("/api/courses/rs-big/roster").then().statusCode(200).extract().jsonPath();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("RosterScaleTest: %d new students imported in %d s%n", RosterCsv.MAX_STUDENTS, seconds);

        assertThat(result.getInt("enrolled")).isEqualTo(RosterCsv.MAX_STUDENTS);
        List<Map<String, String>> created = result.getList("created");
        assertThat(created).hasSize(RosterCsv.MAX_STUDENTS);
        for (int i : new int[] {0, 999, RosterCsv.MAX_STUDENTS - 1}) {
            Map<String, String> account = created.get(i);
            assertThat(account.get("username")).isEqualTo("rs-" + i);
            given().auth().preemptive().basic(account.get("username"), account.get("password")).get("/api/users/me")
                    .then().statusCode(200);
        }
        given().auth().preemptive().basic("instructor", "instructor").get("/api/courses/rs-big").then().statusCode(200)
                .body("students.size()", org.hamcrest.Matchers.equalTo(RosterCsv.MAX_STUDENTS));
    }
}
