package threadmark.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import threadmark.course.Assignment;
import threadmark.course.Course;
import threadmark.lti.platform.PlatformServices;
import threadmark.user.ExternalIdentity;
import threadmark.user.User;

import java.util.Map;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static threadmark.testing.Api.instructor;

/**
 * A course linked to a test LMS as a launch would have left it: a platform whose services are {@link PlatformServices},
 * a deployment, a context mapped to the course, and a resource link of its race-counter assignment with a line item.
 * Made through the API where there is one (course, assignment, students), directly in the database otherwise.
 */
record LinkedCourse(String slug, String issuer, long platformId, long contextId, long linkId, String lineItem) {

    static LinkedCourse make(String slug, PlatformServices lms, String lineItem) {
        instructor().contentType(ContentType.JSON).body(Map.of("slug", slug, "title", "LTI " + slug, "counting", "BEST"))
                .post("/api/courses").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        instructor().contentType(ContentType.JSON).body(Map.of())
                .put("/api/courses/" + slug + "/assignments/race-counter").then().statusCode(200);
        String issuer = "https://lms.test/" + slug;
        return QuarkusTransaction.requiringNew().call(() -> {
            LtiPlatform platform = new LtiPlatform();
            platform.name = "Test LMS " + slug;
            platform.issuer = issuer;
            platform.clientId = "threadmark-client";
            platform.authLoginUrl = lms.base() + "/auth";
            platform.authTokenUrl = lms.tokenUrl();
            platform.keySetUrl = lms.base() + "/jwks";
            platform.persist();
            LtiDeployment deployment = new LtiDeployment();
            deployment.platform = platform;
            deployment.deploymentId = "deployment-1";
            deployment.persist();
            LtiContext context = new LtiContext();
            context.deployment = deployment;
            context.contextId = "ctx-" + slug;
            context.course = Course.bySlug(slug).orElseThrow();
            context.title = "LMS " + slug;
            context.membershipsUrl = lms.membershipsUrl("ctx-" + slug);
            context.persist();
            LtiResourceLink link = new LtiResourceLink();
            link.context = context;
            link.resourceLinkId = "rl-" + slug;
            link.assignment = Assignment.of(context.course, "race-counter").orElseThrow();
            link.lineItemUrl = lms.lineItemUrl(lineItem);
            link.lineItemsUrl = lms.base() + "/lineitems";
            link.agsScopes = PlatformServices.LINE_ITEM_SCOPE + " " + PlatformServices.SCORE_SCOPE;
            link.persist();
            return new LinkedCourse(slug, issuer, platform.id, context.id, link.id, lineItem);
        });
    }

    /** A student of the course whom the LMS knows as {@code subject} (a launch linked them). */
    String student(String username, String subject) {
        threadmark.testing.Api.student(username);
        instructor().contentType(ContentType.JSON).body(Map.of("username", username))
                .post("/api/courses/" + slug + "/students").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> {
            ExternalIdentity identity = new ExternalIdentity();
            identity.issuer = issuer;
            identity.subject = subject;
            identity.user = User.byUsername(username).orElseThrow();
            identity.persist();
        });
        return subject;
    }
}
