package threadmark.lti;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.lti.platform.LaunchSpec;
import threadmark.lti.platform.PlatformBrowser;
import threadmark.lti.platform.TestPlatform;

import java.net.URL;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deep linking over real HTTP: an instructor picks an exercise, our signed answer is checked by the test platform
 * against our published key set, and the link it made launches that exercise for a student.
 */
@QuarkusTest
class DeepLinkingTest {

    private static TestPlatform platform;

    @TestHTTPResource("/")
    URL tool;

    @Inject
    EntityManager entities;

    @BeforeEach
    void platform() {
        if (platform == null) {
            platform = LtiTestPlatforms.registered(tool);
        }
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anInstructorsPickedExerciseReachesThePlatformSignedAndLaunchesForStudents() {
        PlatformBrowser browser = new PlatformBrowser();
        PlatformBrowser.Launched launched = browser.launch(platform,
                LaunchSpec.instructor("dl-teacher").context("dl-course", "Deep linked course").deepLinking());
        assertThat(launched.launch().status()).as(launched.launch().body()).isEqualTo(303);
        assertThat(launched.landed().status()).isEqualTo(200);
        assertThat(launched.landed().body()).contains("Deep linked course").contains("id=\"pick-race-counter\"");

        PlatformBrowser.Page answer = browser.submit(launched.landed().form("pick-form").with("exercise", "race-counter"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' " + platform.base);
        PlatformBrowser.Form toPlatform = answer.form("deep-link-answer");
        assertThat(toPlatform.action()).isEqualTo(platform.url("/deep-links/return"));

        PlatformBrowser.Page accepted = browser.submit(toPlatform);
        assertThat(accepted.status()).as(accepted.body() + " " + platform.refusals).isEqualTo(200);
        assertThat(platform.deepLinkAnswers).hasSize(1);
        TestPlatform.DeepLinkAnswer received = platform.deepLinkAnswers.getFirst();
        assertThat(received.data()).isEqualTo("opaque-data-42");
        assertThat(received.deploymentId()).isEqualTo(platform.deploymentId);
        assertThat(received.contentItems()).hasSize(1);
        Map<String, Object> item = received.contentItems().getFirst();
        assertThat(item).containsEntry("type", "ltiResourceLink").containsEntry("url", platform.toolLaunchUrl())
                .containsEntry("custom", Map.of("exercise", "race-counter"));
        @SuppressWarnings("unchecked")
        Map<String, Object> lineItem = (Map<String, Object>) item.get("lineItem");
        assertThat(((Number) lineItem.get("scoreMaximum")).intValue()).isEqualTo(100);
        assertThat(lineItem).containsEntry("resourceId", "race-counter").containsKey("label");
        assertThat(lineItem.get("label")).isEqualTo(item.get("title"));

        // The request is answered once: the same form posted again finds nothing.
        PlatformBrowser.Page twice = browser.submit(launched.landed().form("pick-form").with("exercise", "race-counter"));
        assertThat(twice.status()).isEqualTo(404);

        // A student's launch of the new link, with the custom parameters the platform keeps, lands on the exercise.
        LaunchSpec student = LaunchSpec.learner("dl-student").context("dl-course", "Deep linked course")
                .link("dl-link-1").exercise((String) ((Map<?, ?>) item.get("custom")).get("exercise"));
        PlatformBrowser.Launched studentLaunch = new PlatformBrowser().launch(platform, student);
        assertThat(studentLaunch.launch().status()).as(studentLaunch.launch().body()).isEqualTo(303);
        assertThat(studentLaunch.landed().status()).isEqualTo(200);
        assertThat(studentLaunch.landed().body()).contains("dl-student");
    }

    @Test
    void aStudentsDeepLinkingRequestIsRefusedAndKeepsNothing() {
        Map<String, Long> before = LtiRows.count(entities);
        PlatformBrowser.Launched launched = new PlatformBrowser().launch(platform,
                LaunchSpec.learner("dl-sneaky").context("dl-course", "Deep linked course").deepLinking());
        assertThat(launched.launch().status()).isEqualTo(403);
        assertThat(launched.launch().body()).contains("Only the course&#39;s instructors add Threadmark exercises");
        assertThat(LtiRows.change(before, LtiRows.count(entities))).isEmpty();
    }

    @Test
    void aDeepLinkRequestIsAnsweredOnlyByTheInstructorItWasMadeFor() {
        PlatformBrowser teacher = new PlatformBrowser();
        PlatformBrowser.Launched launched = teacher.launch(platform,
                LaunchSpec.instructor("dl-teacher-2").context("dl-course", "Deep linked course").deepLinking());
        assertThat(launched.landed().status()).isEqualTo(200);
        PlatformBrowser other = new PlatformBrowser();
        PlatformBrowser.Launched otherLaunch = other.launch(platform,
                LaunchSpec.instructor("dl-teacher-3").context("dl-course", "Deep linked course").deepLinking());
        PlatformBrowser.Page stolen = other.post(launched.landed().url().toString(),
                otherLaunch.landed().form("pick-form").with("exercise", "race-counter").fields());
        assertThat(stolen.status()).isEqualTo(403);
    }
}
