package threadmark.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import threadmark.exercise.ExerciseZips;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * An instructor's whole journey in a real headless Chromium: log in with the one-time password a first start printed
 * and choose one's own, upload a new exercise as a zip and watch it validated in
 * the sandbox and published, create a course, assign the exercise, enrol a student; the student's submission is
 * graded by the real sandbox; the instructor then downloads the Canvas gradebook, which is parsed back.
 */
@Tag("browser")
@Tag("sandbox")
@QuarkusTest
@TestProfile(FirstStartProfile.class)
class InstructorBrowserTest {

    private static final String SLUG = "browser-probe";
    private static final Duration VALIDATION = Duration.ofSeconds(150);

    @TestHTTPResource("/")
    URL base;

    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void instructorUploadsAnExerciseRunsACourseAndDownloadsTheGradebook() throws Exception {
        // A real first start: the one-time password from the log, changed at the first login.
        chromium.logInAndChangePassword(base, "instructor", FirstStartProfile.oneTimePassword(), "instructor-own-password");

        upload(ExerciseZips.zip(ExerciseZips.probe(SLUG, Map.of())));
        assertThat(browser.findElement(By.id("upload-result")).getText()).isEqualTo("Published " + SLUG + " as version 1.");
        assertThat(browser.findElement(By.id("upload-solutions")).getText()).contains("reference", "100 / 100");

        browser.findElement(By.id("nav-courses")).click();
        browser.findElement(By.id("title")).sendKeys("Browser course");
        browser.findElement(By.id("slug")).sendKeys("browser-course");
        browser.findElement(By.id("create-course")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/staff/courses/browser-course"));

        new Select(browser.findElement(By.id("exercise"))).selectByValue(SLUG);
        chromium.browser.executeScript("document.getElementById('dueAt').value = '2030-06-01T23:59';");
        browser.findElement(By.id("latePenaltyPerDay")).sendKeys("10");
        browser.findElement(By.id("lmsId")).sendKeys("9001");
        browser.findElement(By.id("assign")).click();
        assertThat(text("course-notice")).isEqualTo("Assigned " + SLUG + ".");
        assertThat(text("assignment-" + SLUG)).contains("Sandbox probe", "10% / day", "9001");

        browser.findElement(By.id("username")).sendKeys("br-student");
        browser.findElement(By.id("section")).sendKeys("Lab 1");
        browser.findElement(By.id("enrol")).click();
        assertThat(text("course-notice")).isEqualTo("Enrolled br-student.");
        String oneTime = browser.findElement(By.cssSelector("#new-accounts td code")).getText();
        assertThat(oneTime).hasSizeGreaterThanOrEqualTo(12);
        // The instructor saw that password: the student sets their own before anything else.
        String password = "br-student-own-password";
        given().auth().preemptive().basic("br-student", oneTime).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", oneTime, "newPassword", password))
                .put("/api/users/me/password").then().statusCode(204);

        long id = given().auth().preemptive().basic("br-student", password).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("Probe.java", ExerciseZips.probeReference())))
                .post("/api/exercises/" + SLUG + "/submissions").then().statusCode(202).extract().jsonPath().getLong("id");
        awaitScore(id, password);

        browser.navigate().refresh();
        assertThat(text("gradebook")).contains("br-student", "Lab 1", "100 / 100");
        chromium.screenshot("course-page.png");
        browser.findElement(By.id("download-canvas")).click();
        Path csv = chromium.downloads.resolve("browser-course-canvas.csv");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Files.exists(csv));
        try (CSVParser parser = CSVParser.parse(new StringReader(Files.readString(csv)), CSVFormat.RFC4180)) {
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).toList()).containsExactly("Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                    "Sandbox probe (test fixture) (9001)", "Final Points");
            assertThat(rows.get(1).toList()).containsExactly("br-student", "", "", "br-student", "Lab 1", "100", "100");
        }
        // The download did not spoil the page's forms (it used to draw a new CSRF token: a bare 400 on the next post).
        browser.findElement(By.id("save-settings")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.id("course-notice"), "Saved."));

        // The submissions page, filtered to this course and student; a status nothing has shows that nothing matches.
        browser.get(base + "staff/submissions");
        new Select(browser.findElement(By.id("filter-course"))).selectByValue("browser-course");
        browser.findElement(By.id("filter-student")).sendKeys("br-student");
        browser.findElement(By.id("apply-filters")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("student=br-student"));
        List<WebElement> found = browser.findElements(By.cssSelector("#recent-submissions tbody tr"));
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().getText()).contains(String.valueOf(id), "br-student", SLUG, "100 / 100");
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("ERROR");
        browser.findElement(By.id("apply-filters")).click();
        assertThat(text("no-submissions")).isEqualTo("No submission matches these filters.");

        // Staff pages on a phone: tables scroll inside their card, the page never sideways.
        chromium.assertFitsAPhone(base + "staff/courses/browser-course", By.id("gradebook"), "course-page-phone.png");
        chromium.assertFitsAPhone(base + "staff/insight/" + SLUG, By.id("insight-submissions"), "insight-page-phone.png");
        chromium.assertFitsAPhone(base + "staff/submissions", By.id("recent-submissions"), "submissions-page-phone.png");
        chromium.assertFitsAPhone(base + "staff/exercises", By.id("catalogue-table"), "exercises-page-phone.png");

        // Unenrolling asks first: dismissed, nothing happens; accepted, the student leaves the gradebook.
        browser.get(base + "staff/courses/browser-course");
        browser.findElement(By.id("unenrol-br-student")).click();
        assertThat(browser.switchTo().alert().getText()).contains("Unenrol br-student", "submissions and grades are kept");
        browser.switchTo().alert().dismiss();
        assertThat(text("gradebook")).contains("br-student");
        browser.findElement(By.id("unenrol-br-student")).click();
        browser.switchTo().alert().accept();
        assertThat(text("course-notice")).isEqualTo("Removed br-student from the course.");
        assertThat(text("gradebook")).doesNotContain("br-student");

        // A second edition lands as a draft: students keep version 1 until the instructor, having previewed the
        // draft, publishes it.
        upload(ExerciseZips.zip(ExerciseZips.probe(SLUG, Map.of("prompt.md",
                "# Sandbox probe, second edition\nClearer now.\n"))));
        assertThat(text("upload-result")).startsWith("Saved " + SLUG + " version 2 as a draft");
        given().auth().preemptive().basic("br-student", password).get("/api/exercises/" + SLUG).then()
                .body("version", equalTo(1));
        browser.findElement(By.id("open-exercise")).click();
        assertThat(text("preview-note")).contains("Preview of version 2", "students get version 1");
        assertThat(text("exercise-title")).isEqualTo("Sandbox probe, second edition");
        browser.get(base + "staff/exercises");
        browser.findElement(By.id("publish-" + SLUG)).click();
        assertThat(browser.switchTo().alert().getText()).contains("Publish version 2 of " + SLUG);
        browser.switchTo().alert().accept();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.findElements(By.id("draft-" + SLUG)).isEmpty());
        given().auth().preemptive().basic("br-student", password).get("/api/exercises/" + SLUG).then()
                .body("version", equalTo(2)).body("prompt", containsString("Clearer now."));
    }

    /** Uploads an exercise zip through the exercises page and waits for its validation report. */
    private void upload(byte[] exerciseZip) throws IOException {
        Path zip = chromium.downloads.getParent().resolve("threadmark-" + SLUG + ".zip");
        Files.write(zip, exerciseZip);
        try {
            browser.get(base + "staff/exercises");
            browser.findElement(By.id("zip")).sendKeys(zip.toString());
            browser.findElement(By.id("upload")).click();
            new WebDriverWait(browser, VALIDATION).until(ExpectedConditions.presenceOfElementLocated(By.id("upload-result")));
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private String text(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id(id))).getText();
    }

    private static void awaitScore(long id, String password) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String status = given().auth().preemptive().basic("br-student", password).get("/api/submissions/" + id)
                    .jsonPath().getString("status");
            if (status.equals("DONE") || status.equals("ERROR")) {
                given().auth().preemptive().basic("br-student", password).get("/api/submissions/" + id)
                        .then().body("score", equalTo(100.0f));
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("submission " + id + " was not graded within 120 s");
    }
}
