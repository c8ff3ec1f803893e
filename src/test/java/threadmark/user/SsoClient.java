package threadmark.user;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser at HTTP level for the single sign-on tests: one cookie jar for Threadmark and the provider, redirects
 * followed as a browser follows them, and the provider's login form filled in.
 */
final class SsoClient {

    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI threadmark;

    SsoClient(URI threadmark) {
        this.threadmark = threadmark;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(threadmark.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(URI uri, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Clicks "Sign in with ...", is sent to the provider, signs in there, and returns where the redirects end. */
    HttpResponse<String> signIn(String login, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/login/sso");
        if (!form.body().contains("id=\"provider-login\"")) {
            return form;
        }
        Matcher action = FORM_ACTION.matcher(form.body());
        if (!action.find()) {
            throw new AssertionError("the provider's login form has no action: " + form.body());
        }
        return post(form.uri().resolve(action.group(1)), "login=" + encode(login) + "&password=" + encode(password));
    }

    /** Logs out with the page's own form, as the Log out button does. */
    HttpResponse<String> logOut(HttpResponse<String> page) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("the page has no form token: " + page.body());
        }
        return post(threadmark.resolve("/logout"), "csrf-token=" + encode(token.group(1)));
    }

    /** The names of the cookies Threadmark's host holds now. */
    List<String> cookieNames() {
        return cookies.getCookieStore().get(threadmark).stream().map(HttpCookie::getName).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
