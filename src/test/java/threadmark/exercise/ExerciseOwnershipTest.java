package threadmark.exercise;

import threadmark.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.web.BrowserSession;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static threadmark.exercise.ExerciseZips.probe;
import static threadmark.exercise.ExerciseZips.zip;

/** Who may publish a new version of an uploaded exercise: its owners (its first publisher and whom they add). */
@Tag("sandbox")
@QuarkusTest
class ExerciseOwnershipTest {

    @BeforeEach
    void createStaff() {
        Api.account("eo-author", "INSTRUCTOR");
        Api.account("eo-rival", "INSTRUCTOR");
    }

    /** Publishing validates every solution in the sandbox, which on a busy machine takes longer than 30 s. */
    private static RequestSpecification as(String user) {
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 600_000)))
                .auth().preemptive().basic(user, user + "-password");
    }

    @Test
    void onlyAnExercisesOwnersPublishANewVersionOfIt() throws Exception {
        as("eo-author").contentType("application/zip").body(zip(probe("owned-probe", Map.of())))
                .post("/api/exercises").then().statusCode(201).body("version", equalTo(1));

        byte[] changed = zip(probe("owned-probe", Map.of("prompt.md", "# Rewritten by someone else\n")));
        as("eo-rival").contentType("application/zip").body(changed).post("/api/exercises").then().statusCode(403)
                .body("error", containsString("exercise 'owned-probe' belongs to eo-author"));
        BrowserSession rival = BrowserSession.login("eo-rival", "eo-rival-password");
        rival.get("/staff/exercises");
        var page = given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 600_000))).cookies(rival.cookies).multiPart("csrf-token", rival.formToken)
                .multiPart("zip", "owned-probe.zip", changed, "application/zip").post("/staff/exercises");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.asString()).contains("belongs to eo-author");
        as("eo-rival").contentType(ContentType.JSON).put("/api/exercises/owned-probe/owners/eo-rival").then()
                .statusCode(403);
        as("eo-rival").contentType(ContentType.JSON).body(Map.of("version", 1))
                .put("/api/exercises/owned-probe/live-version").then().statusCode(403);
        as("eo-rival").contentType(ContentType.JSON).body(Map.of("visibility", "HIDDEN"))
                .put("/api/exercises/owned-probe/listing").then().statusCode(403);
        Api.instructor().get("/api/exercises/owned-probe").then().statusCode(200).body("version", equalTo(1))
                .body("prompt", not(containsString("Rewritten")));

        as("eo-author").contentType(ContentType.JSON).put("/api/exercises/owned-probe/owners/eo-rival").then()
                .statusCode(200).body("owners", contains("eo-author", "eo-rival"));
    }
}
