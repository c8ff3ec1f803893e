package threadmark.lti;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How LIS roles (LTI 1.3 core, appendix A.2) map to what a person is in a Threadmark course. */
class LaunchRolesTest {

    private static final String M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

    private static Launch.Standing of(String... roles) {
        return new Launch(1, "iss", "d", Launch.RESOURCE_LINK_REQUEST, "sub", null, null, null, null, List.of(roles),
                "c", null, null, "r", null, Map.of(), null, null, List.of(), null, null, null, "n", Instant.now())
                .standing();
    }

    @Test
    void contextRolesMapToInstructorAssistantOrStudent() {
        assertThat(of(M + "Instructor")).isEqualTo(Launch.Standing.INSTRUCTOR);
        assertThat(of(M + "ContentDeveloper")).isEqualTo(Launch.Standing.INSTRUCTOR);
        assertThat(of(M + "Administrator")).isEqualTo(Launch.Standing.INSTRUCTOR);
        assertThat(of(M + "Learner")).isEqualTo(Launch.Standing.STUDENT);
        assertThat(of("Learner")).as("deprecated short name").isEqualTo(Launch.Standing.STUDENT);
        assertThat(of(M + "Learner", M + "Instructor")).isEqualTo(Launch.Standing.INSTRUCTOR);
    }

    @Test
    void aTeachingAssistantAssistsEvenWithTheInstructorRoleCanvasAddsToIt() {
        assertThat(of(M + "Instructor", "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"))
                .isEqualTo(Launch.Standing.ASSISTANT);
    }

    @Test
    void institutionRolesAndOtherContextRolesGiveNothing() {
        assertThat(of("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"))
                .isEqualTo(Launch.Standing.NONE);
        assertThat(of("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student", M + "Mentor"))
                .isEqualTo(Launch.Standing.NONE);
        assertThat(of()).isEqualTo(Launch.Standing.NONE);
    }
}
