package threadmark.lti.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service side of a test LMS, as an LTI 1.3 platform runs it, over real HTTP on 127.0.0.1: a token endpoint
 * (1EdTech Security Framework 1.0 section 4.1: client credentials with a JWT assertion checked against the tool's
 * key set), line item score endpoints (AGS 2.0 section 3.4: content type, bearer token, scope, the score's claims and
 * their types) and membership containers with paging (NRPS 2.0 section 2.4, {@code Link: rel="next"}). It records
 * what it accepted and refused, and can be taken down (503) or made to refuse the next scores.
 */
public final class PlatformServices implements AutoCloseable {

    public static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    public static final String LINE_ITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    public static final String RESULT_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    public static final String MEMBERSHIPS_SCOPE =
            "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    private static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
    private static final String MEMBERSHIPS_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    private static final Set<String> ACTIVITY = Set.of("Initialized", "Started", "InProgress", "Submitted", "Completed");
    private static final Set<String> GRADING = Set.of("FullyGraded", "Pending", "PendingManual", "Failed", "NotReady");
    private static final Pattern SCORES = Pattern.compile("/lineitems/([^/]+)/lineitem/scores");
    private static final Pattern MEMBERSHIPS = Pattern.compile("/contexts/([^/]+)/memberships");

    /** A score the platform accepted: the line item it went to and the JSON as sent. */
    public record Score(String lineItem, String query, String userId, Double scoreGiven, Double scoreMaximum,
                        String activityProgress, String gradingProgress, Instant timestamp, JsonNode json) {
    }

    /** A request refused, with the status and the sentence the platform answered. */
    public record Refusal(String path, int status, String reason) {
    }

    /** A member of a context as NRPS lists it. */
    public record Member(String userId, String name, String email, List<String> roles, String status) {
    }

    private record Granted(Set<String> scopes, Instant expires) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final String clientId;
    private final Supplier<String> toolKeySet;
    private final Map<String, Granted> tokens = new ConcurrentHashMap<>();
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();
    private final List<Score> scores = new CopyOnWriteArrayList<>();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final Map<String, List<Member>> members = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger membershipPages = new AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch hold;
    private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean down;
    private volatile int refuseNextScores;
    private volatile String refusal;
    private volatile int pageSize = 2;
    private volatile long tokenLifetime = 3600;

    /**
     * {@code toolKeySet} gives the tool's public key set (JWKS JSON): the tool's published URL when it has one, else
     * its keys as the test reads them.
     */
    public PlatformServices(String clientId, Supplier<String> toolKeySet) throws IOException {
        this.clientId = clientId;
        this.toolKeySet = toolKeySet;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/lineitems/", this::lineItem);
        server.createContext("/contexts/", this::memberships);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUrl() {
        return base() + "/token";
    }

    /** A line item URL with a query string, as Moodle hands them out: scores go to its path + /scores. */
    public String lineItemUrl(String id) {
        return base() + "/lineitems/" + id + "/lineitem?type_id=" + id;
    }

    public String membershipsUrl(String context) {
        return base() + "/contexts/" + context + "/memberships";
    }

    /** While down, every endpoint answers 503, as an LMS being upgraded does. */
    public void down(boolean down) {
        this.down = down;
    }

    /** The next {@code count} score posts are answered 400 with this body. */
    public void refuseNextScores(int count, String body) {
        this.refusal = body;
        this.refuseNextScores = count;
    }

    public void members(String context, List<Member> list) {
        members.put(context, List.copyOf(list));
    }

    /**
     * The next score post waits (before it is recorded) until the returned latch is released; {@link #awaitHeld}
     * returns once it is waiting.
     */
    public java.util.concurrent.CountDownLatch holdNextScore() {
        hold = new java.util.concurrent.CountDownLatch(1);
        return hold;
    }

    public boolean awaitHeld(java.time.Duration within) throws InterruptedException {
        return held.await(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public void pageSize(int size) {
        this.pageSize = size;
    }

    public void tokenLifetime(long seconds) {
        this.tokenLifetime = seconds;
    }

    public List<Score> scores() {
        return List.copyOf(scores);
    }

    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Requests answered 503 while down. */
    public int unavailable() {
        return unavailable.get();
    }

    public int membershipPages() {
        return membershipPages.get();
    }

    /** Revokes every token handed out, as a platform may before they expire: the next use is answered 401. */
    public void revokeTokens() {
        tokens.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private boolean refusedWhileDown(HttpExchange exchange) throws IOException {
        if (down) {
            unavailable.incrementAndGet();
            answer(exchange, 503, "text/plain", "the LMS is down for maintenance");
            return true;
        }
        return false;
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (refusedWhileDown(exchange)) {
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                refuse(exchange, 405, "invalid_request", "POST only");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                refuse(exchange, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
                return;
            }
            Map<String, String> form = form(read(exchange.getRequestBody()));
            if (!"client_credentials".equals(form.get("grant_type"))) {
                refuse(exchange, 400, "unsupported_grant_type", "grant_type must be client_credentials");
                return;
            }
            if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
                refuse(exchange, 400, "invalid_request", "client_assertion_type must be jwt-bearer");
                return;
            }
            JwtClaims claims;
            try {
                JwtConsumer consumer = new JwtConsumerBuilder()
                        .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                                new JsonWebKeySet(toolKeySet.get()).getJsonWebKeys()))
                        .setExpectedIssuer(clientId)
                        .setExpectedSubject(clientId)
                        .setExpectedAudience(tokenUrl())
                        .setRequireExpirationTime()
                        .setRequireIssuedAt()
                        .setRequireJwtId()
                        .setMaxFutureValidityInMinutes(60)
                        .build();
                claims = consumer.processToClaims(form.getOrDefault("client_assertion", ""));
            } catch (InvalidJwtException | org.jose4j.lang.JoseException e) {
                refuse(exchange, 401, "invalid_client", "the client assertion does not check: " + e.getMessage());
                return;
            }
            String jti;
            try {
                jti = claims.getJwtId();
            } catch (Exception e) {
                refuse(exchange, 401, "invalid_client", "no jti");
                return;
            }
            if (!usedJtis.add(jti)) {
                refuse(exchange, 401, "invalid_client", "the client assertion's jti was used before");
                return;
            }
            Set<String> asked = new HashSet<>(Arrays.asList(form.getOrDefault("scope", "").trim().split("\\s+")));
            asked.remove("");
            Set<String> offered = Set.of(SCORE_SCOPE, LINE_ITEM_SCOPE, RESULT_SCOPE, MEMBERSHIPS_SCOPE);
            if (asked.isEmpty() || !offered.containsAll(asked)) {
                refuse(exchange, 400, "invalid_scope", "unknown scope in " + asked);
                return;
            }
            String token = UUID.randomUUID().toString();
            tokens.put(token, new Granted(asked, Instant.now().plusSeconds(tokenLifetime)));
            tokensIssued.incrementAndGet();
            ObjectNode body = json.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                    .put("expires_in", tokenLifetime).put("scope", String.join(" ", asked));
            answer(exchange, 200, "application/json", json.writeValueAsString(body));
        }
    }

    private void lineItem(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (refusedWhileDown(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher matcher = SCORES.matcher(path);
            if (!matcher.matches() || !exchange.getRequestMethod().equals("POST")) {
                refuse(exchange, 404, "not_found", "no such endpoint: " + exchange.getRequestMethod() + " " + path);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            if (query == null || !query.equals("type_id=" + matcher.group(1))) {
                refuse(exchange, 404, "not_found", "the line item's query string was lost: " + query);
                return;
            }
            if (!authorized(exchange, SCORE_SCOPE)) {
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!SCORE_TYPE.equals(type)) {
                refuse(exchange, 415, "unsupported_media_type", "scores are " + SCORE_TYPE + ", not " + type);
                return;
            }
            JsonNode score;
            try {
                score = json.readTree(read(exchange.getRequestBody()));
            } catch (IOException e) {
                refuse(exchange, 400, "invalid_request", "the body is not JSON");
                return;
            }
            String problem = scoreProblem(score);
            if (problem != null) {
                refuse(exchange, 400, "invalid_request", problem);
                return;
            }
            java.util.concurrent.CountDownLatch waitFor = hold;
            if (waitFor != null) {
                hold = null;
                held.countDown();
                try {
                    waitFor.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (refuseNextScores > 0) {
                refuseNextScores--;
                refusals.add(new Refusal(path, 400, refusal));
                answer(exchange, 400, "application/json", refusal);
                return;
            }
            scores.add(new Score(matcher.group(1), query, score.get("userId").asText(),
                    score.has("scoreGiven") ? score.get("scoreGiven").asDouble() : null,
                    score.has("scoreMaximum") ? score.get("scoreMaximum").asDouble() : null,
                    score.get("activityProgress").asText(), score.get("gradingProgress").asText(),
                    OffsetDateTime.parse(score.get("timestamp").asText()).toInstant(), score));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** What AGS 2.0 section 3.4.3 (the score publish service's payload) says a score must be, in words. */
    private static String scoreProblem(JsonNode score) {
        if (!score.isObject()) {
            return "a score is a JSON object";
        }
        if (!score.path("userId").isTextual() || score.get("userId").asText().isBlank()) {
            return "userId must be the user's LTI id, a string";
        }
        if (!score.path("timestamp").isTextual()) {
            return "timestamp is required";
        }
        try {
            String stamp = score.get("timestamp").asText();
            OffsetDateTime.parse(stamp);
            if (!stamp.matches(".*T\\d{2}:\\d{2}:\\d{2}\\.\\d{3,}.*")) {
                return "timestamp must carry sub-second precision";
            }
        } catch (DateTimeParseException e) {
            return "timestamp is not ISO 8601 with an offset: " + score.get("timestamp").asText();
        }
        if (!ACTIVITY.contains(score.path("activityProgress").asText())) {
            return "activityProgress must be one of " + ACTIVITY;
        }
        if (!GRADING.contains(score.path("gradingProgress").asText())) {
            return "gradingProgress must be one of " + GRADING;
        }
        if (score.has("scoreGiven")) {
            if (!score.get("scoreGiven").isNumber() || score.get("scoreGiven").asDouble() < 0) {
                return "scoreGiven must be a number, 0 or more";
            }
            if (!score.path("scoreMaximum").isNumber() || score.get("scoreMaximum").asDouble() <= 0) {
                return "scoreMaximum is required with scoreGiven and must be a number above 0";
            }
        }
        if (score.has("comment") && !score.get("comment").isTextual()) {
            return "comment must be a string";
        }
        return null;
    }

    private void memberships(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (refusedWhileDown(exchange)) {
                return;
            }
            Matcher matcher = MEMBERSHIPS.matcher(exchange.getRequestURI().getPath());
            if (!matcher.matches() || !exchange.getRequestMethod().equals("GET")) {
                refuse(exchange, 404, "not_found", "no such endpoint");
                return;
            }
            if (!authorized(exchange, MEMBERSHIPS_SCOPE)) {
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept == null || !accept.contains(MEMBERSHIPS_TYPE)) {
                refuse(exchange, 406, "not_acceptable", "ask for " + MEMBERSHIPS_TYPE);
                return;
            }
            membershipPages.incrementAndGet();
            String context = matcher.group(1);
            List<Member> all = members.getOrDefault(context, List.of());
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery() == null ? ""
                    : exchange.getRequestURI().getRawQuery());
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            int from = Math.min(all.size(), (page - 1) * pageSize);
            int to = Math.min(all.size(), from + pageSize);
            ObjectNode body = json.createObjectNode().put("id", membershipsUrl(context));
            body.putObject("context").put("id", context).put("label", context).put("title", "Course " + context);
            ArrayNode list = body.putArray("members");
            for (Member m : all.subList(from, to)) {
                ObjectNode node = list.addObject().put("user_id", m.userId()).put("status", m.status());
                if (m.name() != null) {
                    node.put("name", m.name());
                }
                if (m.email() != null) {
                    node.put("email", m.email());
                }
                ArrayNode roles = node.putArray("roles");
                m.roles().forEach(roles::add);
            }
            if (to < all.size()) {
                exchange.getResponseHeaders().add("Link", "<" + membershipsUrl(context) + "?page=" + (page + 1)
                        + ">; rel=\"next\"");
            }
            answer(exchange, 200, MEMBERSHIPS_TYPE, json.writeValueAsString(body));
        }
    }

    private boolean authorized(HttpExchange exchange, String scope) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            refuse(exchange, 401, "invalid_token", "a bearer token is required");
            return false;
        }
        Granted granted = tokens.get(header.substring("Bearer ".length()));
        if (granted == null || granted.expires().isBefore(Instant.now())) {
            refuse(exchange, 401, "invalid_token", "unknown or expired token");
            return false;
        }
        if (!granted.scopes().contains(scope)) {
            refuse(exchange, 403, "insufficient_scope", "the token does not grant " + scope);
            return false;
        }
        return true;
    }

    private void refuse(HttpExchange exchange, int status, String error, String description) throws IOException {
        refusals.add(new Refusal(exchange.getRequestURI().getPath(), status, description));
        answer(exchange, status, "application/json", json.writeValueAsString(
                json.createObjectNode().put("error", error).put("error_description", description)));
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    /** Scores per user id, for counting duplicates. */
    public Map<String, List<Score>> scoresByUser() {
        Map<String, List<Score>> byUser = new LinkedHashMap<>();
        for (Score s : scores) {
            byUser.computeIfAbsent(s.userId(), k -> new ArrayList<>()).add(s);
        }
        byUser.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return byUser;
    }
}
