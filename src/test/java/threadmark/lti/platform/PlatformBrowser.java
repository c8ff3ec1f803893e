package threadmark.lti.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without JavaScript for HTTP-level tests: keeps cookies, follows redirects when told, and submits the
 * self-posting forms of an LTI flow (the LMS's login initiation, the platform's form_post) as a browser would.
 */
public final class PlatformBrowser {

    private static final Pattern FORM = Pattern.compile("<form([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_-]+)=\"([^\"]*)\"");

    /** A form on a page: where it goes and its named fields. */
    public record Form(String action, String method, Map<String, String> fields) {
        public Form with(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(fields);
            changed.put(name, value);
            return new Form(action, method, changed);
        }
    }

    public record Page(int status, URI url, String body, java.net.http.HttpHeaders headers) {
        public String location() {
            return headers.firstValue("Location").map(l -> url.resolve(l).toString()).orElse(null);
        }

        /** The page's first form (the self-posting pages of an LTI flow have one). */
        public Form form() {
            return form(null);
        }

        /** The form with this id. */
        public Form form(String id) {
            Matcher m = FORM.matcher(body);
            Map<String, String> attributes = null;
            while (m.find()) {
                Map<String, String> a = attributes(m.group(1));
                if (id == null || id.equals(a.get("id"))) {
                    attributes = a;
                    break;
                }
            }
            if (attributes == null) {
                throw new AssertionError("no form " + (id == null ? "" : id + " ") + "on " + url + " (" + status
                        + "): " + body);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(m.group(2));
            while (input.find()) {
                Map<String, String> a = attributes(input.group(1));
                if (a.containsKey("name")) {
                    fields.put(a.get("name"), a.getOrDefault("value", ""));
                }
            }
            return new Form(url.resolve(attributes.getOrDefault("action", url.toString())).toString(),
                    attributes.getOrDefault("method", "get"), fields);
        }
    }

    /** The pages of one launch: the login initiation's answer, the platform's, the launch's and where it landed. */
    public record Launched(Page login, Page auth, Page launch, Page landed) {
    }

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    public Page get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public Page post(String url, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestPlatform.form(fields))));
    }

    public Page submit(Form form) {
        return form.method().equalsIgnoreCase("post") ? post(form.action(), form.fields())
                : get(form.action() + "?" + TestPlatform.form(form.fields()));
    }

    /** Follows redirects (GET) until a page answers. */
    public Page follow(Page page) {
        for (int i = 0; i < 10 && page.status() >= 300 && page.status() < 400; i++) {
            page = get(page.location());
        }
        return page;
    }

    /** A launch from the LMS's page to where the tool lands; stops at the first page that is not the next step. */
    public Launched launch(TestPlatform platform, LaunchSpec spec) {
        Page lms = get(platform.url(platform.prepare(spec)));
        Page login = submit(lms.form());
        if (login.status() != 302) {
            return new Launched(login, null, null, null);
        }
        Page auth = get(login.location());
        if (auth.status() != 200) {
            return new Launched(login, auth, null, null);
        }
        Page launch = submit(auth.form());
        Page landed = launch.status() >= 300 && launch.status() < 400 ? follow(launch) : null;
        return new Launched(login, auth, launch, landed);
    }

    /** Everything up to the platform's answer: the form it would post to the tool (id_token and state). */
    public Form authAnswer(TestPlatform platform, LaunchSpec spec) {
        Page login = submit(get(platform.url(platform.prepare(spec))).form());
        if (login.status() != 302) {
            throw new AssertionError("login initiation answered " + login.status() + ": " + login.body());
        }
        Page auth = get(login.location());
        if (auth.status() != 200) {
            throw new AssertionError("the platform answered " + auth.status() + ": " + auth.body());
        }
        return auth.form();
    }

    public List<java.net.HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Page(answer.statusCode(), built.uri(), answer.body(), answer.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            a.put(m.group(1).toLowerCase(), unescape(m.group(2)));
        }
        return a;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x2F;", "/").replace("&amp;", "&");
    }
}
