package threadmark.lti.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test LTI 1.3 platform (an LMS as far as LTI goes), a real HTTP server on 127.0.0.1 with its own RSA key. It
 * publishes its key set, starts launches as an LMS page does (a form posted to the tool's login initiation), checks
 * the tool's OIDC authentication request as a platform must (LTI 1.3 core 5.1.1, Security Framework 5.1.1.2) and
 * answers with a signed id_token by form_post, takes deep linking responses after checking their signature against
 * the tool's key set, and shows an LMS course page that frames the tool. Other LTI services (AGS, NRPS, the token
 * endpoint) mount their handlers with {@link #mount}.
 */
public final class TestPlatform implements AutoCloseable {

    public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    public static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

    /** Handlers that another part of the tests adds to this platform (token, line items, scores, memberships). */
    public interface Services {
        void mountOn(TestPlatform platform);
    }

    /** A deep linking response the platform accepted: its content items, and the data it echoed. */
    public record DeepLinkAnswer(List<Map<String, Object>> contentItems, String data, String deploymentId) {
    }

    private final HttpServer server;
    private final String toolBase;
    private final String toolLogin;
    private final String toolLaunch;
    public final String base;
    public final String issuer;
    public final String clientId;
    public final String deploymentId;
    private volatile RsaJsonWebKey key;
    private final List<RsaJsonWebKey> published = new CopyOnWriteArrayList<>();
    private final Map<String, LaunchSpec> launches = new ConcurrentHashMap<>();
    /** What the platform refused from the tool, one sentence each. */
    public final List<String> refusals = new CopyOnWriteArrayList<>();
    public final List<DeepLinkAnswer> deepLinkAnswers = new CopyOnWriteArrayList<>();
    public final AtomicInteger keySetFetches = new AtomicInteger();
    /** The last id_token and state the platform answered an authentication request with. */
    public volatile String lastIdToken;
    public volatile String lastState;

    private TestPlatform(String toolBase, String loginPath, String launchPath) throws IOException {
        this.toolBase = toolBase.endsWith("/") ? toolBase.substring(0, toolBase.length() - 1) : toolBase;
        this.toolLogin = this.toolBase + loginPath;
        this.toolLaunch = this.toolBase + launchPath;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        String name = "lms-" + UUID.randomUUID().toString().substring(0, 8);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        issuer = base + "/" + name;
        clientId = "client-" + name;
        deploymentId = "deployment-" + name;
        key = newKey("platform-key-1");
        published.add(key);
        mount("/jwks", this::keySet);
        mount("/launch/", this::startLaunch);
        mount("/auth", this::authenticate);
        mount("/deep-links/return", this::deepLinkReturn);
        mount("/courses/", this::coursePage);
        server.start();
    }

    /** A platform for the tool at {@code toolBase} (http://127.0.0.1:port/). */
    public static TestPlatform start(String toolBase) {
        return start(toolBase, "/lti/login", "/lti/launch");
    }

    /** A platform for another LTI tool, whose login initiation and launch (redirect URI) are at these paths. */
    public static TestPlatform start(String toolBase, String loginPath, String launchPath) {
        try {
            return new TestPlatform(toolBase, loginPath, launchPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void mount(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException | IOException e) {
                refusals.add("platform failure at " + path + ": " + e);
                respond(exchange, 500, "text/plain", e.toString());
            } finally {
                exchange.close();
            }
        });
    }

    /** What an admin types into Threadmark for this platform (POST /api/lti/platforms). */
    public Map<String, Object> registration() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "Test LMS " + issuer.substring(issuer.lastIndexOf('/') + 1));
        r.put("issuer", issuer);
        r.put("clientId", clientId);
        r.put("deploymentIds", List.of(deploymentId));
        r.put("keySetUrl", base + "/jwks");
        r.put("authLoginUrl", base + "/auth");
        r.put("authTokenUrl", base + "/token");
        return r;
    }

    /** The tool's launch URL, which the platform registered as the tool's only redirect URI. */
    public String toolLaunchUrl() {
        return toolLaunch;
    }

    /** The kid the platform signs with now. */
    public String kid() {
        return key.getKeyId();
    }

    /** Makes a new signing key and publishes only it from now on; returns the old one. */
    public RsaJsonWebKey rotateKey(String kid) {
        RsaJsonWebKey old = key;
        key = newKey(kid);
        published.clear();
        published.add(key);
        return old;
    }

    public static RsaJsonWebKey newKey(String kid) {
        try {
            RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(kid);
            k.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            k.setUse("sig");
            return k;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a launch; the returned path is the LMS page that starts it (GET it as a browser would). */
    public String prepare(LaunchSpec spec) {
        String id = UUID.randomUUID().toString();
        launches.put(id, spec);
        return "/launch/" + id;
    }

    public String url(String path) {
        return base + path;
    }

    /** The LMS course page that shows the launch in an iframe, as Canvas and Moodle do. */
    public String coursePageFor(LaunchSpec spec) {
        return base + "/courses/" + prepare(spec).substring("/launch/".length());
    }

    private void keySet(HttpExchange exchange) throws IOException {
        keySetFetches.incrementAndGet();
        JsonWebKeySet set = new JsonWebKeySet(new ArrayList<JsonWebKey>(published));
        respond(exchange, 200, "application/json", set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /** The LMS page a user's click opens: it posts the third-party login initiation to the tool (LTI 1.3 core 5.1.1). */
    private void startLaunch(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/launch/".length());
        LaunchSpec spec = launches.get(id);
        if (spec == null) {
            respond(exchange, 404, "text/plain", "no such launch");
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("iss", issuer);
        fields.put("login_hint", spec.subject);
        fields.put("target_link_uri", spec.targetLinkUri != null ? spec.targetLinkUri : toolLaunchUrl());
        fields.put("lti_message_hint", id);
        fields.put("client_id", clientId);
        fields.put("lti_deployment_id", deploymentId);
        respond(exchange, 200, "text/html; charset=utf-8", autoPost(toolLogin, fields));
    }

    /** The OIDC authorization endpoint: checks the tool's request, then answers with a signed id_token. */
    private void authenticate(HttpExchange exchange) throws IOException {
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        List<String> problems = new ArrayList<>();
        expect(problems, q, "scope", "openid");
        expect(problems, q, "response_type", "id_token");
        expect(problems, q, "response_mode", "form_post");
        expect(problems, q, "prompt", "none");
        expect(problems, q, "client_id", clientId);
        expect(problems, q, "redirect_uri", toolLaunchUrl());
        LaunchSpec spec = q.get("lti_message_hint") == null ? null : launches.get(q.get("lti_message_hint"));
        if (spec == null) {
            problems.add("lti_message_hint names no launch");
        } else if (!spec.subject.equals(q.get("login_hint"))) {
            problems.add("login_hint " + q.get("login_hint") + " is not the user who launched");
        }
        for (String required : List.of("state", "nonce")) {
            if (q.get(required) == null || q.get(required).length() < 16) {
                problems.add(required + " missing or too short to be unguessable");
            }
        }
        if (!problems.isEmpty()) {
            refusals.addAll(problems);
            respond(exchange, 400, "text/plain", "invalid authentication request: " + String.join("; ", problems));
            return;
        }
        String idToken = sign(claims(spec, q.get("nonce"), q.get("redirect_uri")), spec);
        lastIdToken = idToken;
        lastState = q.get("state");
        respond(exchange, 200, "text/html; charset=utf-8",
                autoPost(q.get("redirect_uri"), Map.of("id_token", idToken, "state", q.get("state"))));
    }

    private JwtClaims claims(LaunchSpec spec, String nonce, String redirectUri) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setAudience(clientId);
        c.setSubject(spec.subject);
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(5);
        c.setClaim("nonce", nonce);
        if (spec.name != null) {
            c.setClaim("name", spec.name);
            c.setClaim("given_name", spec.givenName);
            c.setClaim("family_name", spec.familyName);
            c.setClaim("email", spec.email);
        }
        c.setClaim(LTI + "message_type", spec.messageType);
        c.setClaim(LTI + "version", "1.3.0");
        c.setClaim(LTI + "deployment_id", deploymentId);
        c.setClaim(LTI + "target_link_uri", spec.targetLinkUri != null ? spec.targetLinkUri : redirectUri);
        c.setClaim(LTI + "roles", spec.roles);
        c.setClaim(LTI + "context", Map.of("id", spec.contextId, "label", spec.contextId, "title", spec.contextTitle,
                "type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering")));
        c.setClaim(LTI + "tool_platform", Map.of("guid", issuer, "name", "Test LMS", "product_family_code",
                "threadmark-test-platform"));
        c.setClaim(LTI + "launch_presentation", Map.of("document_target", "iframe", "return_url",
                base + "/courses/return"));
        if (!spec.custom.isEmpty()) {
            c.setClaim(LTI + "custom", spec.custom);
        }
        if (spec.messageType.equals("LtiDeepLinkingRequest")) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("deep_link_return_url", base + "/deep-links/return");
            settings.put("accept_types", List.of("ltiResourceLink"));
            settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
            settings.put("accept_multiple", false);
            settings.put("auto_create", true);
            settings.put("data", spec.deepLinkData);
            c.setClaim(DL + "deep_linking_settings", settings);
        } else {
            c.setClaim(LTI + "resource_link", Map.of("id", spec.resourceLinkId, "title", "Link " + spec.resourceLinkId));
        }
        Map<String, Object> ags = new LinkedHashMap<>();
        ags.put("scope", List.of("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                "https://purl.imsglobal.org/spec/lti-ags/scope/score"));
        ags.put("lineitems", base + "/contexts/" + spec.contextId + "/lineitems");
        if (spec.lineItemUrl != null) {
            ags.put("lineitem", spec.lineItemUrl);
        }
        c.setClaim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", ags);
        c.setClaim("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice", Map.of(
                "context_memberships_url", base + "/contexts/" + spec.contextId + "/memberships",
                "service_versions", List.of("2.0")));
        spec.tamper.accept(c);
        return c;
    }

    private String sign(JwtClaims claims, LaunchSpec spec) {
        RsaJsonWebKey signer = spec.signWith != null ? spec.signWith : key;
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(signer.getPrivateKey());
            jws.setKeyIdHeaderValue(spec.kid != null ? spec.kid : signer.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes a deep linking response (Deep Linking 2.0, section 4.2) as a platform does: the JWT must be signed by a key
     * in the tool's published key set, issued by our client id to our issuer, fresh, of the right message type and
     * version, for our deployment, echoing our data, with a nonce.
     */
    private void deepLinkReturn(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String jwt = form.get("JWT");
        try {
            HttpsJwks toolKeys = new HttpsJwks(toolBase + "/.well-known/jwks.json");
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(toolKeys))
                    .setExpectedIssuer(clientId)
                    .setExpectedAudience(issuer)
                    .setRequireExpirationTime().setRequireIssuedAt().setMaxFutureValidityInMinutes(60)
                    .setAllowedClockSkewInSeconds(30)
                    .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .build();
            JwtClaims claims = consumer.processToClaims(jwt);
            List<String> problems = new ArrayList<>();
            if (!"LtiDeepLinkingResponse".equals(claims.getStringClaimValue(LTI + "message_type"))) {
                problems.add("message_type is not LtiDeepLinkingResponse");
            }
            if (!"1.3.0".equals(claims.getStringClaimValue(LTI + "version"))) {
                problems.add("version is not 1.3.0");
            }
            if (!deploymentId.equals(claims.getStringClaimValue(LTI + "deployment_id"))) {
                problems.add("deployment_id is not " + deploymentId);
            }
            if (claims.getStringClaimValue("nonce") == null) {
                problems.add("no nonce");
            }
            if (!"opaque-data-42".equals(claims.getStringClaimValue(DL + "data"))) {
                problems.add("data not echoed");
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) claims.getClaimValue(DL + "content_items");
            if (items == null) {
                problems.add("no content_items");
            }
            if (!problems.isEmpty()) {
                refusals.addAll(problems);
                respond(exchange, 400, "text/plain", "deep linking response refused: " + String.join("; ", problems));
                return;
            }
            deepLinkAnswers.add(new DeepLinkAnswer(Collections.unmodifiableList(items),
                    claims.getStringClaimValue(DL + "data"), claims.getStringClaimValue(LTI + "deployment_id")));
            StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body><h1>Added to the course</h1><ul>");
            for (Map<String, Object> item : items) {
                page.append("<li class=\"added\">").append(escape(String.valueOf(item.get("title")))).append("</li>");
            }
            respond(exchange, 200, "text/html; charset=utf-8", page.append("</ul></body></html>").toString());
        } catch (Exception e) {
            refusals.add("deep linking response refused: " + e.getMessage());
            respond(exchange, 400, "text/plain", "deep linking response refused: " + e.getMessage());
        }
    }

    /** An LMS course page that frames the tool's launch, as Canvas and Moodle show an embedded activity. */
    private void coursePage(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/courses/".length());
        respond(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Test LMS course</title>"
                + "</head><body><h1>Test LMS course</h1><iframe id=\"tool\" name=\"tool\" src=\"/launch/" + escape(id)
                + "\" style=\"width:100%;height:900px\" allow=\"clipboard-write\"></iframe></body></html>");
    }

    private static void expect(List<String> problems, Map<String, String> q, String name, String value) {
        if (!value.equals(q.get(name))) {
            problems.add(name + " is " + q.get(name) + ", not " + value);
        }
    }

    static String autoPost(String action, Map<String, String> fields) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><form method=\"post\" action=\"")
                .append(escape(action)).append("\">");
        fields.forEach((k, v) -> html.append("<input type=\"hidden\" name=\"").append(escape(k))
                .append("\" value=\"").append(escape(v)).append("\">"));
        return html.append("<noscript><button type=\"submit\">Continue</button></noscript></form>")
                .append("<script>document.forms[0].submit()</script></body></html>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The request body of a form post, for handlers mounted by other tests. */
    public static Map<String, String> formOf(InputStream body) throws IOException {
        return query(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    public static NumericDate now() {
        return NumericDate.now();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }
}
