package threadmark.web;

import io.restassured.response.Response;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** A logged-in browser as RestAssured sees it: the session and CSRF cookies, and the form token of the last page. */
public final class BrowserSession {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    public final Map<String, String> cookies = new HashMap<>();
    public String formToken;

    public static BrowserSession login(String username, String password) {
        BrowserSession session = new BrowserSession();
        Response login = given().redirects().follow(false)
                .formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
        if (login.statusCode() != 302 || !login.header("Location").endsWith("/exercises")) {
            throw new AssertionError("login as " + username + " failed: " + login.statusCode() + " " + login.header("Location"));
        }
        session.cookies.putAll(login.getCookies());
        return session;
    }

    public Response get(String path) {
        Response page = given().redirects().follow(false).cookies(cookies).get(path);
        page.getCookies().forEach(cookies::put);
        Matcher token = TOKEN.matcher(page.asString());
        if (token.find()) {
            formToken = token.group(1);
        }
        return page;
    }

    public Response postForm(String path, Map<String, ?> form) {
        Response response = given().redirects().follow(false).cookies(cookies).formParams(form).post(path);
        response.getCookies().forEach(cookies::put);
        return response;
    }
}
