package threadmark.web;

import threadmark.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/**
 * A student's whole journey in a real headless Chromium (Debian's, with its chromedriver): log in, open race-counter,
 * type a racy counter, submit, watch it graded live in the real sandbox, read that updates were lost, fix it, get
 * full marks. A second student then cannot open the first one's work nor any staff page. Takes the README's
 * screenshots on the way.
 */
@Tag("browser")
@Tag("sandbox")
@QuarkusTest
class StudentJourneyBrowserTest {

    private static final Duration GRADING = Duration.ofSeconds(150);

    private static final String RACY = """
            public class Counter {
            private long count;
            public void increment() { count++; }
            public long get() { return count; }
            }""";
    private static final String FIXED = """
            public class Counter {
            private long count;
            public synchronized void increment() { count++; }
            public synchronized long get() { return count; }
            }""";

    @TestHTTPResource("/")
    URL base;

    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        Api.student("olga");
        Api.student("pavel");
        // Olga studies in one course; another course sets bank-transfer. Neither exercise is open for practice here.
        course("journey-a", "Concurrency for Beginners", "race-counter", Map.of("dueAt", "2030-01-15T04:59:00Z"));
        course("journey-b", "Someone Else's Course", "bank-transfer", Map.of());
        Api.instructor().contentType(ContentType.JSON)
                .body(Map.of("releaseAt", "2029-12-01T14:00:00Z", "dueAt", "2030-01-20T04:59:00Z"))
                .put("/api/courses/journey-a/assignments/gate-event").then().statusCode(200);
        for (String student : new String[] {"olga", "pavel"}) {
            Api.instructor().contentType(ContentType.JSON).body(Map.of("username", student))
                    .post("/api/courses/journey-a/students").then().statusCode(200);
        }
        practice("race-counter", false);
        practice("bank-transfer", false);
        practice("gate-event", false);
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
    }

    @AfterEach
    void stopBrowser() throws IOException {
        practice("race-counter", true);
        practice("bank-transfer", true);
        practice("gate-event", true);
        if (chromium != null) {
            chromium.close();
        }
    }

    private static void course(String slug, String title, String exercise, Map<String, String> schedule) {
        Api.instructor().contentType(ContentType.JSON).body(Map.of("slug", slug, "title", title))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        Api.instructor().contentType(ContentType.JSON).body(schedule)
                .put("/api/courses/" + slug + "/assignments/" + exercise).then().statusCode(200);
    }

    /** The test profile opens every exercise for practice: most tests submit as students of no course. */
    private static void practice(String exercise, boolean open) {
        Api.instructor().contentType(ContentType.JSON).body(Map.of("practice", open))
                .put("/api/exercises/" + exercise + "/listing").then().statusCode(200);
    }

    @Test
    void aStudentFindsTheRaceFixesItAndAnotherStudentCannotLook() throws IOException {
        // Olga's browser is in New York: the deadline, stored as 04:59 UTC on the 15th, is 23:59 on the 14th there.
        chromium.browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));
        chromium.logIn(base, "olga", "olga-password");
        assertThat(browser.getCurrentUrl()).endsWith("/exercises");
        assertThat(browser.findElement(By.id("course-journey-a")).getText()).contains("Concurrency for Beginners",
                "Deadline: Jan 14, 2030", "EST");
        assertThat(browser.findElement(By.id("zone-note")).getText()).contains("America/New_York");
        assertThat(browser.findElements(By.id("exercise-bank-transfer"))).as("another course's exercise").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("Someone Else's Course");
        chromium.screenshot("exercise-list.png");
        browser.get(base + "exercises/bank-transfer");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        // An assignment that has not opened yet: its title and dates only, in the page and in the API.
        browser.get(base + "exercises");
        assertThat(browser.findElement(By.id("exercise-gate-event")).getText()).contains("opens");
        browser.get(base + "exercises/gate-event");
        assertThat(browser.findElement(By.id("not-open")).getText()).contains("opens for submissions on");
        assertThat(browser.getPageSource()).doesNotContain("wait until some thread calls");
        Api.as("olga").get("/api/exercises/gate-event").then().statusCode(200).body("prompt", equalTo(null))
                .body("starterFiles", equalTo(null));
        browser.get(base + "exercises");
        browser.findElement(By.id("exercise-race-counter")).click();
        waitFor(By.cssSelector(".CodeMirror"));
        assertThat(browser.findElement(By.id("exercise-title")).getText()).isEqualTo("A counter that never loses an update");
        chromium.screenshot("exercise-page.png");
        leavingTheEditorWorksFromTheKeyboard();

        typeIntoEditor(RACY);
        browser.findElement(By.id("submit")).click();
        String racyResult = awaitVerdict();
        assertThat(browser.findElement(By.id("score")).getText()).isEqualTo("20 / 100");
        WebElement race = browser.findElement(By.id("test-noLostUpdatesUnderContention"));
        assertThat(race.getAttribute("class")).contains("failed");
        assertThat(race.getText()).contains("increments were lost", "two threads read the same value", "synchronized");
        assertThat(browser.findElement(By.id("test-countsInOneThread")).getAttribute("class")).contains("passed");
        chromium.screenshot("result-page.png");

        browser.findElement(By.id("load-into-editor")).click();
        waitFor(By.cssSelector(".CodeMirror"));
        assertThat(editorText()).contains("public void increment() { count++; }");
        typeIntoEditor(FIXED);
        browser.findElement(By.id("submit")).click();
        awaitVerdict();
        assertThat(browser.findElement(By.id("score")).getText()).isEqualTo("100 / 100");
        assertThat(browser.findElements(By.cssSelector("#test-results li.failed"))).isEmpty();

        browser.get(base + "exercises/race-counter");
        assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).hasSize(2);
        draftsSurviveAClosedTabAndTheLatestSubmissionComesBack();
        chromium.assertFitsAPhone(base + "exercises/race-counter", By.cssSelector(".CodeMirror"), "exercise-page-phone.png");
        chromium.assertFitsAPhone(racyResult, By.cssSelector(".CodeMirror"), "result-page-phone.png");

        browser.get(racyResult);
        logOut();
        assertThat(drafts()).as("logging out forgets the drafts").isZero();
        // Back, on a shared lab machine: the browser kept nothing, so the next person sees the login page.
        browser.navigate().back();
        waitFor(By.id("username"));
        assertThat(browser.getPageSource()).doesNotContain("count++");
        // The next person logs in right there, and lands on their own list, not on the page Back showed last.
        browser.findElement(By.id("username")).sendKeys("pavel");
        browser.findElement(By.id("password")).sendKeys("pavel-password");
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/exercises"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotEqualTo("Not yours to open");
        browser.get(racyResult);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not yours to open");
        assertThat(browser.getPageSource()).doesNotContain("count++");
        browser.get(base + "staff/submissions");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not yours to open");
        assertThat(browser.findElements(By.id("recent-submissions"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-staff"))).isEmpty();
        // The same refusals, with their status codes, as the browser's requests saw them.
        BrowserSession pavel = BrowserSession.login("pavel", "pavel-password");
        assertThat(pavel.get(Path.of(new URL(racyResult).getPath()).toString()).statusCode()).isEqualTo(403);
        assertThat(pavel.get("/staff/submissions").statusCode()).isEqualTo(403);
    }

    @Test
    void compileErrorsFailuresAndRacesAreExplainedInRussianAndPointAtTheirLines() throws IOException {
        chromium.logIn(base, "pavel", "pavel-password");
        browser.get(base + "language/ru?back=/exercises/race-counter");
        waitFor(By.cssSelector(".CodeMirror"));
        assertThat(browser.findElement(By.id("submit")).getText()).isEqualTo("Отправить на проверку");
        assertThat(browser.findElement(By.id("exercise-title")).getText())
                .isEqualTo("Счётчик, который никогда не теряет обновлений");
        typeIntoEditor("""
                public class Counter {
                private long count
                public void increment() { count++; }
                public long get() { return count; }
                }""");
        browser.findElement(By.id("submit")).click();
        awaitVerdict();
        assertThat(browser.findElement(By.id("score")).getText()).isEqualTo("0 / 100");
        assertThat(browser.findElement(By.id("summary")).getText()).startsWith("Код не скомпилировался");
        WebElement error = browser.findElement(By.cssSelector("#compile-errors a.goto"));
        assertThat(error.getText()).startsWith("Counter.java:2:");
        error.click();
        Long cursorLine = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('.CodeMirror').CodeMirror.getCursor().line;");
        assertThat(cursorLine).as("the editor jumps to the line of the error (0-based)").isEqualTo(1L);
        assertThat(browser.findElements(By.cssSelector(".CodeMirror .error-line"))).isNotEmpty();

        // A test's message names the line of the student's code where it stopped: linked, and highlighted below.
        browser.get(base + "exercises/race-counter?starter=true");
        waitFor(By.cssSelector(".CodeMirror"));
        typeIntoEditor("""
                public class Counter {
                private long count;
                public void increment() { if (count == 3) { throw new IllegalStateException("three"); } count++; }
                public long get() { return count; }
                }""");
        browser.findElement(By.id("submit")).click();
        awaitVerdict();
        WebElement frame = browser.findElement(By.cssSelector("#test-countsInOneThread pre.message a.goto"));
        assertThat(frame.getText()).isEqualTo("Counter.java:3");
        assertThat(browser.findElements(By.cssSelector(".result-code .CodeMirror .error-line"))).hasSize(1);
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('#test-countsInOneThread').scrollIntoView();");
        chromium.screenshot("result-page-lines-ru.png");

        // The race, named in Russian: the exercise's words and the check library's, numbers kept.
        browser.get(base + "exercises/race-counter?starter=true");
        waitFor(By.cssSelector(".CodeMirror"));
        typeIntoEditor(RACY);
        browser.findElement(By.id("submit")).click();
        awaitVerdict();
        String race = browser.findElement(By.cssSelector("#test-noLostUpdatesUnderContention pre.message")).getText();
        assertThat(race).as("the race's feedback in Russian").containsPattern("\\d+ из [\\d,]+")
                .contains("synchronized", "AtomicLong.incrementAndGet()")
                .doesNotContain("were lost", "seen in trial", "Make increment() atomic");
        assertThat(race.replaceAll("[^А-Яа-яЁё]", "").length()).as("mostly Cyrillic: %s", race)
                .isGreaterThan(race.replaceAll("[^A-Za-z]", "").length());
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('#test-noLostUpdatesUnderContention').scrollIntoView();");
        chromium.screenshot("result-page-ru.png");
    }

    /** Tab reaches the editor; Esc leaves it for the submit button, so a keyboard user is never trapped. */
    private void leavingTheEditorWorksFromTheKeyboard() {
        WebElement input = browser.findElement(By.cssSelector(".CodeMirror textarea"));
        browser.findElement(By.cssSelector(".CodeMirror")).click();
        assertThat(browser.switchTo().activeElement()).isEqualTo(input);
        input.sendKeys(Keys.ESCAPE);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("submit");
    }

    /** On a phone (390 × 844, as Chrome's device emulation shows it) the page reflows: nothing sticks out sideways. */
    /**
     * Reopened, the editor holds the latest submission; code typed but not sent survives closing the tab and comes
     * first, until the student goes back to the starter code; logging out forgets it.
     */
    private void draftsSurviveAClosedTabAndTheLatestSubmissionComesBack() {
        waitFor(By.cssSelector(".CodeMirror"));
        assertThat(editorText()).contains("public synchronized void increment()");
        assertThat(browser.findElement(By.id("loaded-note")).isDisplayed()).isTrue();
        String draft = FIXED.replace("count++;", "count += 1; // not sent yet");
        typeIntoEditor(draft);
        // Drafts are saved while typing: wait for the last keystrokes, not for the first save.
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> draftsHold("// not sent yet"));

        String tab = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.switchTo().window(tab).close();
        browser.switchTo().window(browser.getWindowHandles().iterator().next());
        browser.get(base + "exercises/race-counter");
        waitFor(By.cssSelector(".CodeMirror"));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> editorText().contains("// not sent yet"));
        assertThat(browser.findElement(By.id("draft-note")).isDisplayed()).isTrue();

        browser.findElement(By.cssSelector("#draft-note a")).click();
        waitFor(By.cssSelector(".CodeMirror"));
        assertThat(editorText()).contains("public void increment() {").doesNotContain("// not sent yet");
        assertThat(drafts()).as("going back to the starter forgets the draft").isZero();
        browser.get(base + "exercises/race-counter");
        waitFor(By.cssSelector(".CodeMirror"));
        assertThat(editorText()).contains("public synchronized void increment()");

        typeIntoEditor(draft);
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> drafts() > 0);
    }

    /** Whether a code draft this browser keeps contains {@code text}. */
    private boolean draftsHold(String text) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript("var text = arguments[0];"
                + "return Object.keys(window.localStorage)"
                + ".filter(function (k) { return k.indexOf('threadmark-draft:') === 0; })"
                + ".some(function (k) { return window.localStorage.getItem(k).indexOf(text) >= 0; });", text);
    }

    /** Code drafts this browser keeps, for anyone. */
    private long drafts() {
        return (Long) ((JavascriptExecutor) browser).executeScript("return Object.keys(window.localStorage)"
                + ".filter(function (k) { return k.indexOf('threadmark-draft:') === 0; }).length;");
    }

    private void logOut() {
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
    }

    /** Types like a student: focus the editor, select everything, type the new code key by key. */
    private void typeIntoEditor(String code) {
        browser.findElement(By.cssSelector(".CodeMirror")).click();
        WebElement input = browser.findElement(By.cssSelector(".CodeMirror textarea"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(code);
        // The editor indents as it goes; Java does not mind, but the code must be exactly what was typed.
        assertThat(editorText().replaceAll("\\s+", " ")).isEqualTo(code.replaceAll("\\s+", " "));
    }

    private String editorText() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue();");
    }

    /** Waits, without reloading by hand, until the live status has turned into the verdict; returns the page's URL. */
    private String awaitVerdict() {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/submissions/\\d+$"));
        new WebDriverWait(browser, GRADING).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        return browser.getCurrentUrl();
    }

    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(element));
    }
}
