package threadmark.lti;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import threadmark.lti.platform.LaunchSpec;
import threadmark.lti.platform.PlatformServices;
import threadmark.lti.platform.TestPlatform;
import threadmark.testing.Api;
import threadmark.web.HeadlessChromium;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threadmark inside an LMS, in a real headless Chromium: in the test platform's course page (Threadmark in an
 * iframe), an instructor adds race-counter by deep linking; a student then opens the new link there, is logged in
 * on the exercise inside the frame, submits a racy counter and sees it graded 20 / 100 by the real sandbox; the LMS's
 * line item receives 20. The deadline is moved an hour into the past and the LMS goes down; the fix, submitted late,
 * scores 100 of which 90 count, and once the LMS is back it receives 90, once.
 */
@Tag("browser")
@Tag("sandbox")
@QuarkusTest
class LtiJourneyBrowserTest {

    private static final Duration GRADING = Duration.ofSeconds(150);
    private static final String RACY = """
            public class Counter {
            private long count;
            public void increment() { count++; }
            public long get() { return count; }
            }""";

    @TestHTTPResource("/")
    URL base;

    private TestPlatform platform;
    private HeadlessChromium chromium;
    private WebDriver browser;

    private PlatformServices lms;

    /** The LMS's services (token, line items) beside its launch side: our scores must reach it. */
    @BeforeEach
    void start() throws IOException {
        platform = TestPlatform.start(base.toString());
        lms = new PlatformServices(platform.clientId, () -> given().get("/.well-known/jwks.json").asString());
        Map<String, Object> registration = new java.util.LinkedHashMap<>(platform.registration());
        registration.put("authTokenUrl", lms.tokenUrl());
        Api.instructor().contentType(ContentType.JSON).body(registration).post("/api/lti/platforms").then()
                .statusCode(201);
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
    }

    @AfterEach
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (lms != null) {
            lms.close();
        }
    }

    @Test
    void anInstructorDeepLinksAnExerciseAndAStudentSubmitsItInsideTheLmsFrame() throws InterruptedException {
        browser.get(platform.coursePageFor(LaunchSpec.instructor("frame-teacher")
                .context("frame-course", "Concurrency in the LMS").deepLinking()));
        browser.switchTo().frame("tool");
        waitFor(By.id("pick-race-counter")).click();
        browser.findElement(By.id("pick-submit")).click();
        // Our page posts the signed answer to the platform by itself; the platform checks it and says what it added.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !platform.deepLinkAnswers.isEmpty()
                || !platform.refusals.isEmpty());
        assertThat(platform.refusals).isEmpty();
        waitFor(By.cssSelector("li.added"));
        Map<String, Object> item = platform.deepLinkAnswers.getFirst().contentItems().getFirst();
        assertThat(browser.findElement(By.cssSelector("li.added")).getText()).isEqualTo(item.get("title"));
        browser.switchTo().defaultContent();
        browser.manage().deleteAllCookies();

        String exercise = (String) ((Map<?, ?>) item.get("custom")).get("exercise");
        browser.get(platform.coursePageFor(LaunchSpec.learner("frame-student")
                .context("frame-course", "Concurrency in the LMS").link("frame-link").exercise(exercise)
                .lineItem(lms.lineItemUrl("frame-link"))));
        browser.switchTo().frame("tool");
        waitFor(By.cssSelector(".CodeMirror"));
        assertThat(browser.findElement(By.id("current-user")).getText()).contains("frame-student");
        assertThat(browser.findElement(By.id("exercise-title")).getText())
                .isEqualTo("A counter that never loses an update");
        typeIntoEditor(RACY);
        browser.findElement(By.id("submit")).click();
        // Inside the frame: the top-level page stays the LMS's course page.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((String) ((JavascriptExecutor) d)
                .executeScript("return location.pathname")).matches("/submissions/\\d+"));
        assertThat(browser.getCurrentUrl()).startsWith(platform.base + "/courses/");
        new WebDriverWait(browser, GRADING).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(browser.findElement(By.id("score")).getText()).isEqualTo("20 / 100");
        assertThat(browser.findElement(By.id("test-noLostUpdatesUnderContention")).getAttribute("class"))
                .contains("failed");
        // The LMS's gradebook gets the score that counts, through its line item.
        awaitScores("frame-student", 1);
        assertThat(lms.scoresByUser().get("frame-student").getLast().scoreGiven()).isEqualTo(20.0);

        // The deadline was an hour ago (10% per started day late), and the LMS goes down for a while.
        String course = Api.instructor().get("/api/courses").jsonPath()
                .getString("find { it.title == 'Concurrency in the LMS' }.slug");
        lms.down(true);
        Api.instructor().contentType(ContentType.JSON).body(Map.of("dueAt", Instant.now().minus(Duration.ofHours(1))
                        .toString(), "latePenaltyPerDay", 10))
                .put("/api/courses/" + course + "/assignments/" + exercise).then().statusCode(200);

        // The fix, submitted late in the same frame: 100 / 100, of which 90 count.
        ((JavascriptExecutor) browser).executeScript("location.assign('/exercises/' + arguments[0])", exercise);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> ((String) ((JavascriptExecutor) d)
                .executeScript("return location.pathname")).startsWith("/exercises/"));
        waitFor(By.cssSelector(".CodeMirror"));
        typeIntoEditor(RACY.replace("public void increment()", "public synchronized void increment()")
                .replace("public long get()", "public synchronized long get()"));
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, GRADING).until(d -> d.findElements(By.id("score")).stream()
                .anyMatch(e -> e.getText().equals("100 / 100")));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> lms.unavailable() > 0);
        assertThat(lms.scoresByUser().get("frame-student")).as("nothing gets through while the LMS is down").hasSize(1);
        // Back up: it receives the penalised score that counts now, once (the outbox kept only the newest value).
        lms.down(false);
        awaitScores("frame-student", 2);
        assertThat(lms.scoresByUser().get("frame-student")).extracting(PlatformServices.Score::scoreGiven)
                .containsExactly(20.0, 90.0);
        assertThat(lms.scoresByUser().get("frame-student")).allSatisfy(score -> {
            assertThat(score.scoreMaximum()).isEqualTo(100.0);
            assertThat(score.gradingProgress()).isEqualTo("FullyGraded");
        });
        assertThat(lms.refusals()).isEmpty();
        Thread.sleep(2_000);
        assertThat(lms.scoresByUser().get("frame-student")).as("every score once: no late duplicate").hasSize(2);
    }

    private void awaitScores(String user, int count) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> lms.scoresByUser()
                .getOrDefault(user, List.of()).size() >= count);
    }

    private void typeIntoEditor(String code) {
        browser.findElement(By.cssSelector(".CodeMirror")).click();
        WebElement input = browser.findElement(By.cssSelector(".CodeMirror textarea"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(code);
        String typed = (String) ((JavascriptExecutor) browser)
                .executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue();");
        assertThat(typed.replaceAll("\\s+", " ")).isEqualTo(code.replaceAll("\\s+", " "));
    }

    private WebElement waitFor(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(element));
    }
}
