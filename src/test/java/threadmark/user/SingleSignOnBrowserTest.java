package threadmark.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import threadmark.web.HeadlessChromium;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on as a person does it, in Chromium against the real OpenID provider ({@link OpenIdProvider}): "Sign
 * in with Test University" on the login page, the provider's own form, back on Threadmark logged in; logging out;
 * signing in again reuses the account; the login form still works beside it.
 */
@Tag("browser")
@QuarkusTest
@TestProfile(SsoProfile.class)
class SingleSignOnBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

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
        chromium.close();
    }

    @Test
    void aStudentSignsInAtTheProviderAndLandsLoggedIn() {
        long users = QuarkusTransaction.requiringNew().call(() -> User.count());
        browser.get(base + "login");
        browser.findElement(By.id("login-sso")).click();
        // The provider's own page, on its own port.
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("provider-login")));
        assertThat(browser.getCurrentUrl()).doesNotStartWith(base.toString());
        browser.findElement(By.id("login")).sendKeys("frank");
        browser.findElement(By.id("password")).sendKeys("frank-pw");
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlToBe(base + "exercises"));
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo("frank@uni.example");
        User frank = QuarkusTransaction.requiringNew().call(() -> User.byUsername("frank@uni.example").orElseThrow());
        assertThat(frank.role).isEqualTo("STUDENT");
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.count())).isEqualTo(users + 1);
        // The pages work as for anyone logged in: the password page opens.
        browser.get(base + "account/password");
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo("frank@uni.example");

        logOut();
        browser.get(base + "exercises");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElements(By.id("current-user"))).isEmpty();

        // Again: the provider still knows this browser (its own session), so it sends it straight back; the same
        // account, still one link to it.
        browser.get(base + "login");
        browser.findElement(By.id("login-sso")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlToBe(base + "exercises"));
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo("frank@uni.example");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ExternalIdentity.count("user.id", frank.id)))
                .isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.count())).isEqualTo(users + 1);

        // The login form beside it.
        logOut();
        chromium.logIn(base, "instructor", "instructor");
        assertThat(browser.findElement(By.id("current-user")).getText()).startsWith("instructor");
    }

    private void logOut() {
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/login"));
    }
}
