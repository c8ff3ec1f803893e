package threadmark.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import threadmark.exercise.ExerciseZips;
import threadmark.testing.Api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instructor writes an exercise as the authoring kit means it to be written, in a real Chromium: downloads the
 * race template from the exercises page, edits its test on disk, dry-runs it and reads the feedback its known-bad
 * solution produces, then publishes it; a student is graded on it and reads the edited feedback.
 */
@Tag("browser")
@Tag("sandbox")
@QuarkusTest
class AuthoringJourneyBrowserTest {

    private static final String SLUG = "authored-race";
    private static final Duration VALIDATION = Duration.ofSeconds(300);
    private static final String EDITED = "Guard the count with one lock that every increment takes.";

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
    void anInstructorAdaptsATemplateDryRunsItPublishesItAndAStudentIsGradedOnIt() throws Exception {
        chromium.logIn(base, "instructor", "instructor");
        browser.get(base + "staff/exercises");
        assertThat(browser.findElement(By.cssSelector("#check-docs a")).getAttribute("href")).endsWith(
                "/docs/check/threadmark.harness/threadmark/check/package-summary.html");
        browser.findElement(By.id("template-race")).click();
        Path template = chromium.downloads.resolve("my-race.zip");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Files.exists(template) && size(template) > 0);

        // On disk, as an author would: a slug of one's own, and the race test's advice in one's own words.
        Map<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> entry : unzip(Files.readAllBytes(template)).entrySet()) {
            files.put(entry.getKey().replaceFirst("^my-race/", SLUG + "/"), entry.getValue());
        }
        String test = new String(files.get(SLUG + "/tests/CounterRaceTest.java"));
        assertThat(test).contains("Make increment() atomic: synchronized, one shared \"\n                            + \"lock, or AtomicLong.incrementAndGet().");
        files.put(SLUG + "/tests/CounterRaceTest.java", test.replace("Make increment() atomic: synchronized, one shared \"\n"
                + "                            + \"lock, or AtomicLong.incrementAndGet().", EDITED).getBytes());
        Path zip = chromium.downloads.getParent().resolve(SLUG + ".zip");
        Files.write(zip, ExerciseZips.zip(files));

        submit(zip, "dry-run");
        assertThat(text("upload-result")).as(text("upload-report")).isEqualTo("Dry run of " + SLUG + " (1 run(s)): it passes every check and "
                + "would be published. Nothing was saved.");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.findElement(By.cssSelector("#tests-unsynchronized summary")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tests-unsynchronized"))).getText())
                .contains("CounterRaceTest#noLostUpdatesUnderContention", "increments were lost", EDITED);
        assertThat(text("upload-margins")).contains("unsynchronized CounterRaceTest#noLostUpdatesUnderContention: caught 1/1");
        Api.instructor().get("/api/exercises/" + SLUG).then().statusCode(404);

        submit(zip, "upload");
        assertThat(text("upload-result")).as(text("upload-report")).isEqualTo("Published " + SLUG + " as version 1.");

        Api.student("authoring-student");
        long id = Api.submit("authoring-student", SLUG, Map.of("Counter.java", new String(
                files.get(SLUG + "/solutions/unsynchronized/Counter.java"))));
        var graded = Api.awaitGraded(id);
        assertThat(graded.getDouble("score")).isLessThan(100.0);
        assertThat(graded.getString("tests.find { it.id == 'CounterRaceTest#noLostUpdatesUnderContention' }.message"))
                .contains(EDITED);
    }

    /** Chooses the zip and presses the upload form's button ({@code upload} or {@code dry-run}), then waits. */
    private void submit(Path zip, String button) {
        browser.get(base + "staff/exercises");
        browser.findElement(By.id("zip")).sendKeys(zip.toString());
        browser.findElement(By.id(button)).click();
        new WebDriverWait(browser, VALIDATION).until(ExpectedConditions.presenceOfElementLocated(By.id("upload-result")));
    }

    private String text(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id(id))).getText();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
