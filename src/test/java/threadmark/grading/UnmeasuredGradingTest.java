package threadmark.grading;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import threadmark.web.BrowserSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/**
 * A grading whose test could not be measured fairly, through the server: it waits with back-off, shows its definite
 * verdicts at once as provisional, uses none of the attempts meant for platform faults, and after its bounded number
 * of runs gets a final verdict in which the unmeasured test earns nothing. The test student's code aborts itself
 * as inconclusive on every run (the hostile fixture "fake-inconclusive"), so the bound is what ends it.
 */
@Tag("sandbox")
@QuarkusTest
@TestProfile(UnmeasuredGradingTest.ShortWaits.class)
class UnmeasuredGradingTest {

    /** More busy runs allowed (4) than attempts for platform faults (2): busy runs must not use those up. */
    public static class ShortWaits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("threadmark.grading.max-attempts", "2",
                    "threadmark.grading.remeasure.first-delay", "1s",
                    "threadmark.grading.remeasure.max-delay", "2s",
                    "threadmark.grading.remeasure.max-runs", "4",
                    "threadmark.grading.remeasure.max-wait", "2m");
        }
    }

    @Test
    void aTestThatCannotBeMeasuredWaitsVisiblyThenEarnsNothingAndNeverEndsInError() throws Exception {
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("folder", "src/test/resources/fixtures/probe")).post("/api/exercises/imports")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        given().auth().preemptive().basic("instructor", "instructor").contentType(ContentType.JSON)
                .body(Map.of("username", "uma", "password", "uma-password", "role", "STUDENT"))
                .post("/api/users").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        String code = Files.readString(Path.of("src/test/resources/fixtures/hostile/fake-inconclusive/Probe.java"));
        long id = given().auth().preemptive().basic("uma", "uma-password").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("Probe.java", code))).post("/api/exercises/probe/submissions")
                .then().statusCode(202).extract().jsonPath().getLong("id");
        BrowserSession uma = BrowserSession.login("uma", "uma-password");

        List<String> seen = new ArrayList<>();
        JsonPath waiting = null;
        String page = null;
        String history = null;
        CompletableFuture<String> events = null;
        JsonPath body;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        do {
            assertThat(System.nanoTime()).as("graded within 120 s; statuses seen: %s", seen).isLessThan(deadline);
            Thread.sleep(100);
            body = api(id);
            String status = body.getString("status");
            if (seen.isEmpty() || !seen.getLast().equals(status)) {
                seen.add(status);
            }
            if (waiting == null && status.equals("WAITING")) {
                String pageNow = uma.get("/submissions/" + id).then().statusCode(200).extract().asString();
                String historyNow = uma.get("/exercises/probe").then().statusCode(200).extract().asString();
                // Waits are 1-2 s here: on a slow machine the next run may have started before the pages were read.
                JsonPath after = api(id);
                if (!after.getString("status").equals("WAITING") || after.getInt("remeasures") != body.getInt("remeasures")) {
                    continue;
                }
                waiting = body;
                page = pageNow;
                history = historyNow;
                // The live status stream: it ends once the grading is final, so read it in the background.
                events = CompletableFuture.supplyAsync(() -> given().cookies(uma.cookies)
                        .get("/submissions/" + id + "/events").then().statusCode(200).extract().asString());
            }
        } while (!body.getString("status").equals("DONE") && !body.getString("status").equals("ERROR"));

        assertThat(seen).as("statuses seen").doesNotContain("ERROR").contains("WAITING");

        // While it waits: the definite verdict is shown at once, the unmeasured test earns nothing yet, and both the
        // API and the page say that it is measured again and when.
        assertThat(waiting).isNotNull();
        assertThat(waiting.getBoolean("provisional")).isTrue();
        assertThat(waiting.getString("remeasureAt")).isNotBlank();
        assertThat(waiting.getDouble("score")).isEqualTo(50.0);
        assertThat(waiting.getString("summary")).startsWith("50 of 100 points so far.")
                .contains("could not be measured fairly because the machine was busy");
        assertThat(waiting.getList("tests.status")).containsExactly("UNMEASURED", "PASSED");
        assertThat(page).contains("It is measured again in about 1 min").contains("so far")
                .contains("not measured yet").contains("50 / 100");
        assertThat(history).as("the exercise's history while it waits").contains("50 / 100 (provisional: measuring again)")
                .doesNotContain("grading…");
        assertThat(events.get()).contains("\"status\":\"WAITING\"").contains("\"provisional\":true")
                .contains("\"status\":\"DONE\"");

        // The final verdict, after the bounded runs: stored once, the unmeasured test earns nothing and says why.
        assertThat(body.getString("status")).isEqualTo("DONE");
        assertThat(body.getBoolean("provisional")).isFalse();
        assertThat(body.getInt("remeasures")).isEqualTo(4);
        assertThat(body.getList("gradings")).hasSize(1);
        assertThat(body.getDouble("score")).isEqualTo(50.0);
        assertThat(body.getString("summary")).startsWith("50 of 100 points.")
                .contains("the machine stayed too busy through 4 runs").contains("Your instructor can regrade");
        assertThat(body.getList("tests.status")).containsExactly("ABORTED", "PASSED");
        assertThat(body.getString("tests[0].message")).startsWith("Not measured: the machine stayed too busy");
        assertThat(uma.get("/submissions/" + id).then().statusCode(200).extract().asString())
                .doesNotContain("so far").contains("your instructor can regrade");
    }

    private static JsonPath api(long id) {
        return given().auth().preemptive().basic("uma", "uma-password").get("/api/submissions/" + id)
                .then().statusCode(200).extract().jsonPath();
    }
}
