package threadmark.web;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium and chromedriver (scripts/setup.sh installs both), headless, with a fresh profile and a download
 * folder of its own; {@link #close()} quits it and deletes both.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    public final ChromeDriver browser;
    public final Path downloads;
    private final Path profile;

    private HeadlessChromium(ChromeDriver browser, Path profile, Path downloads) {
        this.browser = browser;
        this.profile = profile;
        this.downloads = downloads;
    }

    public static HeadlessChromium start() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (scripts/setup.sh installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (scripts/setup.sh installs it)").isExecutable();
        Path profile = Files.createTempDirectory("threadmark-chromium-");
        Path downloads = Files.createTempDirectory("threadmark-downloads-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--lang=en-US", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 1000));
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        return new HeadlessChromium(browser, profile, downloads);
    }

    /** Logs in through the login form, as a person would, and waits for the course page. */
    public void logIn(URL base, String username, String password) {
        browser.get(base + "login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/exercises"));
    }

    /** Logs in with a one-time password, which leads to the change form, and chooses a password of one's own. */
    public void logInAndChangePassword(URL base, String username, String oneTime, String newPassword) {
        browser.get(base + "login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(oneTime);
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/account/password"));
        if (browser.findElements(By.id("password-one-time")).isEmpty()) {
            throw new AssertionError("the change form does not say the password is a one-time password");
        }
        browser.findElement(By.id("current-password")).sendKeys(oneTime);
        browser.findElement(By.id("new-password")).sendKeys(newPassword);
        browser.findElement(By.id("repeat-password")).sendKeys(newPassword);
        browser.findElement(By.id("change-password")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/exercises"));
    }

    /**
     * Opens {@code page} as a phone would (390 px wide), waits for {@code ready}, fails if the page scrolls sideways
     * (naming what sticks out), and saves a screenshot.
     */
    public void assertFitsAPhone(String page, By ready, String screenshotName) throws IOException {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        try {
            browser.get(page);
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(ready));
            Long overflow = (Long) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            Object culprits = browser.executeScript("return Array.from("
                    + "document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > "
                    + "document.documentElement.clientWidth + 1 && !e.parentElement.closest('.scroll, .CodeMirror'))"
                    + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className"
                    + " + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');");
            assertThat(overflow).as("horizontal overflow of %s on a phone; sticking out: %s", page, culprits)
                    .isLessThanOrEqualTo(0L);
            screenshot(screenshotName);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Saves what the browser shows as docs/screenshots/{name}, where the README shows it. */
    public void screenshot(String name) throws IOException {
        Path shots = Path.of("docs/screenshots");
        Files.createDirectories(shots);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        for (Path dir : new Path[] {profile, downloads}) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
