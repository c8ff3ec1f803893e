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
 * line item receives 20, then 100 for the fix. The deadline passes and the LMS goes down; a second student's late fix
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
    private static final String FIXED = RACY.replace("public void increment()", "public synchronized void increment()")
            .replace("public long get()", "public synchronized long get()");

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
        launchAs("frame-student", exercise);
        assertThat(browser.findElement(By.id("exercise-title")).getText())
                .isEqualTo("A counter that never loses an update");
        submit(RACY);
        // Inside the frame: the top-level page stays the LMS's course page.
        assertThat(browser.getCurrentUrl()).startsWith(platform.base + "/courses/");
        assertThat(browser.findElement(By.id("score")).getText()).isEqualTo("20 / 100");
        assertThat(browser.findElement(By.id("test-noLostUpdatesUnderContention")).getAttribute("class"))
                .contains("failed");
        // The LMS's gradebook gets the score that counts, through its line item.
        awaitScores("frame-student", 1);

        // The fix, in the same frame: the LMS gets 100.
        openExercise(exercise);
        submit(FIXED);
        assertThat(browser.findElement(By.id("score")).getText()).isEqualTo("100 / 100");
        awaitScores("frame-student", 2);
        assertThat(lms.scoresByUser().get("frame-student")).extracting(PlatformServices.Score::scoreGiven)
                .containsExactly(20.0, 100.0);

        // The deadline passes (10% per started day late), and the LMS goes down for a while.
        String course = Api.instructor().get("/api/courses").jsonPath()
                .getString("find { it.title == 'Concurrency in the LMS' }.slug");
        Api.instructor().contentType(ContentType.JSON).body(Map.of("dueAt", Instant.now().toString(),
                        "latePenaltyPerDay", 10))
                .put("/api/courses/" + course + "/assignments/" + exercise).then().statusCode(200);
        lms.down(true);

        // A second student submits the fix late: 100 / 100, of which 90 count; nothing gets through meanwhile.
        launchAs("late-student", exercise);
        submit(FIXED);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> lms.unavailable() > 0);
        assertThat(lms.scoresByUser()).doesNotContainKey("late-student");
        // Back up: it receives the penalised score, once; the first student's scores stay as they were.
        lms.down(false);
        awaitScores("late-student", 1);
        assertThat(lms.scoresByUser().get("late-student").getFirst().scoreGiven()).isEqualTo(90.0);
        Thread.sleep(2_000);
        assertThat(lms.scoresByUser().get("late-student")).as("every score once").hasSize(1);
        assertThat(lms.scoresByUser().get("frame-student")).extracting(PlatformServices.Score::scoreGiven)
                .containsExactly(20.0, 100.0);
        assertThat(lms.scoresByUser().values()).flatMap(scores -> scores).allSatisfy(score -> {
            assertThat(score.scoreMaximum()).isEqualTo(100.0);
            assertThat(score.gradingProgress()).isEqualTo("FullyGraded");
        });
        assertThat(lms.refusals()).isEmpty();
    }

    /** A learner opens the exercise's link from the LMS course page, logged in inside the frame. */
    private void launchAs(String learner, String exercise) {
        browser.switchTo().defaultContent();
        browser.manage().deleteAllCookies();
        browser.get(platform.coursePageFor(LaunchSpec.learner(learner)
                .context("frame-course", "Concurrency in the LMS").link("frame-link").exercise(exercise)
                .lineItem(lms.lineItemUrl("frame-link"))));
        browser.switchTo().frame("tool");
        waitFor(By.cssSelector(".CodeMirror"));
        assertThat(browser.findElement(By.id("current-user")).getText()).contains(learner);
    }

    private void openExercise(String exercise) {
        ((JavascriptExecutor) browser).executeScript("location.assign('/exercises/' + arguments[0])", exercise);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> ((String) ((JavascriptExecutor) d)
                .executeScript("return location.pathname")).startsWith("/exercises/"));
        waitFor(By.cssSelector(".CodeMirror"));
    }

    private void submit(String code) {
        typeIntoEditor(code);
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((String) ((JavascriptExecutor) d)
                .executeScript("return location.pathname")).matches("/submissions/\\d+"));
        new WebDriverWait(browser, GRADING).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
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
