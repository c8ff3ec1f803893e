package threadmark.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.submission.QueueOnlyProfile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document (/q/openapi) is checked against the running server both ways: every operation it lists is
 * answered by a resource (not the router's 404 or 405), and every JAX-RS operation of the JSON API in the code is
 * listed, so neither can go stale without this test failing.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class ApiDocumentTest {

    private static final String ADMIN = "instructor";
    private static final String STUDENT = "api-doc-student";
    /** What ApiErrorMappers says when no resource matched: the router's 404, not a resource's own. */
    private static final String ROUTER_NOT_FOUND = "nothing at ";
    /**
     * A rotation replaces the signing key that the LTI tests sharing this server check their launches with; a student
     * gets its 403, which still proves a resource answers there.
     */
    private static final Set<String> CALLED_AS_STUDENT = Set.of("POST /api/lti/keys/rotation");

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void aStudent() {
        given().auth().preemptive().basic(ADMIN, ADMIN).contentType(ContentType.JSON)
                .body(Map.of("username", STUDENT, "password", "api-doc-password", "role", "STUDENT"))
                .post("/api/users");
    }

    @Test
    void everyOperationInTheDocumentIsAnsweredByAResource() throws Exception {
        JsonNode document = document();
        assertThat(document.at("/info/title").asText()).isEqualTo("Threadmark API");
        assertThat(document.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(document.at("/paths/~1api~1exercises~1{slug}~1submissions/post/summary").asText())
                .as("operations carry their resource's summaries").startsWith("Submit files");
        assertThat(document.at("/paths/~1api~1exercises~1{slug}~1submissions/post/security/0/basic").toString())
                .as("and the roles that may call them").contains("STUDENT");
        List<String> wrong = new ArrayList<>();
        int called = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                String operation = method + " " + path.getKey();
                Response response = call(method, path.getKey(), op.getValue(), CALLED_AS_STUDENT.contains(operation));
                called++;
                int status = response.statusCode();
                String error = status >= 400 ? response.jsonPath().getString("error") : null;
                if (status == 405 || status >= 500 || (status == 404 && (error == null || error.startsWith(ROUTER_NOT_FOUND)))) {
                    wrong.add(operation + " → " + status + " " + response.asString());
                }
                boolean fixedPath = !path.getKey().contains("{");
                if (method.equals("GET") && fixedPath && status != 200) {
                    wrong.add(operation + " → " + status + ", not the 200 a listing gives");
                }
            }
        }
        assertThat(called).as("operations in the document").isGreaterThan(40);
        assertThat(wrong).as("operations the document lists that no resource answers").isEmpty();
    }

    @Test
    void theDocumentListsExactlyTheApiOperationsInTheCode() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document().get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }
        Set<String> inCode = new TreeSet<>();
        Set<String> pagesInCode = new TreeSet<>();
        for (JavaClass resource : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("threadmark")) {
            if (!resource.isAnnotatedWith(Path.class)) {
                continue;
            }
            String base = resource.getAnnotationOfType(Path.class).value();
            for (JavaMethod method : resource.getMethods()) {
                for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
                    JavaClass type = annotation.getRawType();
                    if (type.isAnnotatedWith(HttpMethod.class)) {
                        String sub = method.isAnnotatedWith(Path.class) ? method.getAnnotationOfType(Path.class).value() : "";
                        String path = join(base, sub);
                        String operation = type.getAnnotationOfType(HttpMethod.class).value() + " " + path;
                        (ApiDocumentFilter.isApi(path) ? inCode : pagesInCode).add(operation);
                    }
                }
            }
        }
        assertThat(inCode).as("JSON API operations in the code").hasSizeGreaterThan(40);
        assertThat(pagesInCode).as("page operations in the code").isNotEmpty();
        assertThat(documented).as("the document, against the JAX-RS operations of the JSON API").isEqualTo(inCode);
    }

    @Test
    void swaggerUiRunsItsOwnScriptWhilePagesKeepTheStrictPolicy() throws Exception {
        String ui = given().get("/q/swagger-ui/").then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(ui).contains("script-src 'self' 'unsafe-inline'");
        assertThat(given().get("/q/swagger-ui/").asString()).contains("/q/openapi");
        String page = given().get("/login").then().extract().header("Content-Security-Policy");
        assertThat(page).contains("script-src 'self';").doesNotContain("unsafe-inline'; style");
        // Framing as for the pages: none, or the LMSs other classes of this profile registered in the shared database.
        assertThat(frameAncestors(ui)).isEqualTo(frameAncestors(page)).startsWith("frame-ancestors '");
        // Sent as written (java.net.http does not resolve the dots): the router serves the login page for it.
        HttpResponse<String> sneaky = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                RestAssured.baseURI + ":" + RestAssured.port + "/q/swagger-ui/../../login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sneaky.body()).contains("password");
        assertThat(sneaky.headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("a path that routes to a page gets the page's policy").contains("script-src 'self';");
    }

    private static JsonNode document() throws Exception {
        return JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    /** Calls an operation for real: path parameters name nothing that exists, bodies are empty of their kind. */
    private static Response call(String method, String template, JsonNode operation, boolean asStudent) {
        String path = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                String name = parameter.path("name").asText();
                boolean number = parameter.at("/schema/type").asText().equals("integer");
                path = path.replace("{" + name + "}", number ? "999999999" : "no-such-" + name);
            }
        }
        RequestSpecification request = given().accept("*/*");
        if (!path.startsWith("/.well-known/")) {
            request = asStudent ? request.auth().preemptive().basic(STUDENT, "api-doc-password")
                    : request.auth().preemptive().basic(ADMIN, ADMIN);
        }
        Iterator<String> types = operation.at("/requestBody/content").fieldNames();
        if (types.hasNext()) {
            String type = types.next();
            request = request.contentType(type).body((switch (type) {
                case "application/json" -> "{}";
                case "text/csv", "text/plain" -> "username\n";
                default -> "";
            }).getBytes(StandardCharsets.UTF_8));
        }
        return request.request(method, path);
    }

    /** A resource's path and a method's, as the router joins them: one slash between, parameters by name alone. */
    static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/").replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String frameAncestors(String policy) {
        return java.util.Arrays.stream(policy.split(";")).map(String::trim)
                .filter(d -> d.startsWith("frame-ancestors")).findFirst().orElse("");
    }
}
