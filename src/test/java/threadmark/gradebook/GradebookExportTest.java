package threadmark.gradebook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static threadmark.testing.Api.awaitGraded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A course with three students, three assignments and a late policy, graded by the real sandbox: submissions on
 * time, late, and after the cut-off, then the gradebook exported for Canvas and Moodle and parsed back cell by cell.
 */
@Tag("sandbox")
@QuarkusTest
class GradebookExportTest {

    private static final String COURSE = "gb-conc-2026";
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    private static RequestSpecification instructor() {
        return given().auth().preemptive().basic("instructor", "instructor");
    }

    private static RequestSpecification as(String student) {
        return given().auth().preemptive().basic(student, PASSWORDS.get(student));
    }

    /** Accounts a roster made carry a password the instructor saw: each student sets their own first. */
    private static String ownPassword(String student, String oneTime) {
        String own = student + "-own-password";
        given().auth().preemptive().basic(student, oneTime).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", oneTime, "newPassword", own))
                .put("/api/users/me/password").then().statusCode(204);
        return own;
    }

    private static String solution(String exercise, String folder, String file) throws IOException {
        return Files.readString(Path.of("exercises", exercise, "solutions", folder, file));
    }

    private static long submit(String student, String exercise, String file, String source) {
        return as(student).contentType(ContentType.JSON).body(Map.of("files", Map.of(file, source)))
                .post("/api/exercises/" + exercise + "/submissions").then().statusCode(202)
                .extract().jsonPath().getLong("id");
    }

    private static List<CSVRecord> csv(String layout) throws IOException {
        String body = instructor().get("/api/courses/" + COURSE + "/gradebook.csv?layout=" + layout).then()
                .statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString(COURSE + "-" + layout + ".csv"))
                .extract().asString();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    private static List<String> cells(CSVRecord record) {
        return record.toList();
    }

    @Test
    void gradebookCountsBestScoresAppliesTheLatePolicyAndExportsForCanvasAndMoodle() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        instructor().contentType(ContentType.JSON)
                .body(Map.of("slug", COURSE, "title", "Concurrency 2026", "counting", "BEST"))
                .post("/api/courses").then().statusCode(201);
        JsonPath roster = instructor().contentType("text/csv").body("""
                        username,email,sis_id,display_name,section
                        gb-ann,Ann.Archer@Example.edu,S001,Ann Archer,A
                        gb-ben,ben@example.edu,S002,"Brown, Ben",B
                        """)
                .post("/api/courses/" + COURSE + "/roster").then().statusCode(200)
                .body("enrolled", equalTo(2)).extract().jsonPath();
        for (int i = 0; i < 2; i++) {
            PASSWORDS.put(roster.getString("created[" + i + "].username"), roster.getString("created[" + i + "].password"));
        }
        instructor().contentType(ContentType.JSON)
                .body(Map.of("username", "gb-cat", "email", "cat@example.edu", "password", "gb-cat-password"))
                .post("/api/courses/" + COURSE + "/students").then().statusCode(200).body("enrolled", equalTo(1));
        PASSWORDS.put("gb-cat", "gb-cat-password");
        PASSWORDS.replaceAll(GradebookExportTest::ownPassword);

        // On time (due in a week); late by 36 h, so 2 started days at 10 %; closed (cut-off a day ago).
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", t0.plus(Duration.ofDays(7)).toString(),
                        "latePenaltyPerDay", 10, "lmsId", "4711"))
                .put("/api/courses/" + COURSE + "/assignments/race-counter").then().statusCode(200);
        instructor().contentType(ContentType.JSON).body(Map.of("dueAt", t0.minus(Duration.ofHours(36)).toString(),
                        "latePenaltyPerDay", 10, "cutoffAt", t0.plus(Duration.ofDays(2)).toString()))
                .put("/api/courses/" + COURSE + "/assignments/semaphore-limit").then().statusCode(200);
        instructor().contentType(ContentType.JSON).body(Map.of("releaseAt", t0.minus(Duration.ofDays(10)).toString(),
                        "dueAt", t0.minus(Duration.ofDays(5)).toString(), "latePenaltyPerDay", 50,
                        "cutoffAt", t0.minus(Duration.ofDays(1)).toString()))
                .put("/api/courses/" + COURSE + "/assignments/async-gather").then().statusCode(200);

        String racy = solution("race-counter", "unsynchronized", "Counter.java");
        String counter = solution("race-counter", "reference", "Counter.java");
        String limiter = solution("semaphore-limit", "reference", "Limiter.java");
        List<Long> ids = new java.util.ArrayList<>();
        long annRacy = submit("gb-ann", "race-counter", "Counter.java", racy);
        ids.add(annRacy);
        ids.add(submit("gb-ann", "race-counter", "Counter.java", counter));
        ids.add(submit("gb-ann", "semaphore-limit", "Limiter.java", limiter));
        Path gather = Path.of("exercises/async-gather/solutions/reference");
        try (var files = Files.list(gather)) {
            Map<String, String> sources = new HashMap<>();
            for (Path f : files.toList()) {
                sources.put(f.getFileName().toString(), Files.readString(f));
            }
            ids.add(as("gb-ann").contentType(ContentType.JSON).body(Map.of("files", sources))
                    .post("/api/exercises/async-gather/submissions").then().statusCode(202)
                    .extract().jsonPath().getLong("id"));
        }
        ids.add(submit("gb-ben", "race-counter", "Counter.java", counter));
        ids.add(submit("gb-ben", "race-counter", "Counter.java", racy));
        ids.add(submit("gb-cat", "race-counter", "Counter.java", racy));
        ids.add(submit("gb-cat", "semaphore-limit", "Limiter.java", limiter));
        // Staff try the exercise too; practice never reaches a gradebook.
        long practice = instructor().contentType(ContentType.JSON).body(Map.of("files", Map.of("Counter.java", counter)))
                .post("/api/exercises/race-counter/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
        for (long id : ids) {
            assertThat(awaitGraded(id).getString("status")).as("submission " + id).isEqualTo("DONE");
        }
        assertThat(as("gb-ann").get("/api/submissions/" + ids.get(2)).jsonPath().getBoolean("late")).isTrue();
        assertThat(as("gb-ann").get("/api/submissions/" + ids.get(1)).jsonPath().getBoolean("late")).isFalse();

        String raceTitle = "A counter that never loses an update";
        String limitTitle = instructor().get("/api/exercises/semaphore-limit").jsonPath().getString("title");
        String gatherTitle = instructor().get("/api/exercises/async-gather").jsonPath().getString("title");

        List<CSVRecord> canvas = csv("canvas");
        assertThat(canvas).hasSize(4);
        assertThat(cells(canvas.get(0))).containsExactly("Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                raceTitle + " (4711)", limitTitle, gatherTitle, "Final Points");
        assertThat(cells(canvas.get(1))).containsExactly("Ann Archer", "", "S001", "gb-ann", "A", "100", "80", "", "180");
        assertThat(cells(canvas.get(2))).containsExactly("Brown, Ben", "", "S002", "gb-ben", "B", "100", "", "", "100");
        assertThat(cells(canvas.get(3))).containsExactly("gb-cat", "", "", "gb-cat", "", "20", "80", "", "100");

        List<CSVRecord> moodle = csv("moodle");
        assertThat(moodle).hasSize(4);
        assertThat(cells(moodle.get(0))).containsExactly("Email address", "ID number", "Username", "Full name", "Group",
                raceTitle, limitTitle, gatherTitle, "Total");
        assertThat(cells(moodle.get(1))).containsExactly("Ann.Archer@Example.edu", "S001", "gb-ann", "Ann Archer", "A",
                "100", "80", "", "180");
        assertThat(cells(moodle.get(2))).containsExactly("ben@example.edu", "S002", "gb-ben", "Brown, Ben", "B",
                "100", "", "", "100");
        assertThat(cells(moodle.get(3))).containsExactly("cat@example.edu", "", "gb-cat", "gb-cat", "", "20", "80", "",
                "100");

        List<CSVRecord> detailed = csv("detailed");
        assertThat(detailed).hasSize(1 + ids.size());
        assertThat(detailed.stream().skip(1).map(r -> Long.parseLong(r.get(8))))
                .containsExactlyInAnyOrderElementsOf(ids).doesNotContain(practice);
        Map<Long, CSVRecord> byId = new HashMap<>();
        detailed.stream().skip(1).forEach(r -> byId.put(Long.parseLong(r.get(8)), r));
        // Score, days late, penalty %, points, counted, note
        assertThat(List.of(byId.get(annRacy).get(11), byId.get(annRacy).get(14), byId.get(annRacy).get(16),
                byId.get(annRacy).get(17), byId.get(annRacy).get(18)))
                .containsExactly("20", "0", "20", "no", "another submission scored higher");
        CSVRecord late = byId.get(ids.get(2));
        assertThat(List.of(late.get(11), late.get(14), late.get(15), late.get(16), late.get(17), late.get(18)))
                .containsExactly("100", "2", "20", "80", "yes", "counts: best score");
        CSVRecord closed = byId.get(ids.get(3));
        assertThat(List.of(closed.get(11), closed.get(14), closed.get(16), closed.get(17), closed.get(18)))
                .containsExactly("100", "6", "", "no", "sent after the cut-off");

        // The same submissions counted by "last graded": Ben's last try was the racy one.
        instructor().contentType(ContentType.JSON).body(Map.of("counting", "LAST"))
                .patch("/api/courses/" + COURSE).then().statusCode(200).body("counting", equalTo("LAST"));
        List<CSVRecord> last = csv("canvas");
        assertThat(cells(last.get(1))).containsExactly("Ann Archer", "", "S001", "gb-ann", "A", "100", "80", "", "180");
        assertThat(cells(last.get(2))).containsExactly("Brown, Ben", "", "S002", "gb-ben", "B", "20", "", "", "20");
        assertThat(cells(last.get(3))).containsExactly("gb-cat", "", "", "gb-cat", "", "20", "80", "", "100");

        // A regrade adds a run and keeps the earlier score beside the new one.
        instructor().contentType(ContentType.JSON).post("/api/submissions/" + annRacy + "/regrades").then().statusCode(202).body("queued", equalTo(1));
        JsonPath regraded = awaitGraded(annRacy);
        assertThat(regraded.getList("gradings.score", Double.class)).containsExactly(20.0, 20.0);
        assertThat(regraded.getList("gradings.regrade", Boolean.class)).containsExactly(false, true);
        assertThat(csv("detailed").stream().filter(r -> r.get(8).equals(String.valueOf(annRacy))).findFirst()
                .orElseThrow().get(19)).isEqualTo("20 (v1)");
        assertThat(threadmark.web.BrowserSession.login("instructor", "instructor").get("/submissions/" + annRacy)
                .asString()).contains("id=\"earlier-gradings\"", "Earlier grading (version 1): 20 / 100");
        as("gb-ann").contentType(ContentType.JSON).post("/api/submissions/" + annRacy + "/regrades").then().statusCode(403);
        as("gb-ann").get("/api/courses/" + COURSE + "/gradebook.csv").then().statusCode(403);
    }
}
