package threadmark.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages an LMS frames: which sites may frame them, where their forms may post, and their cookies over TLS. */
class FramedPagesTest {

    @Test
    void withoutPlatformsNoSiteMayFrameUsAndFormsPostOnlyHere() {
        String policy = SecurityHeaders.policy(List.of(), null);
        assertThat(policy).contains("frame-ancestors 'none'").contains("form-action 'self';");
    }

    @Test
    void registeredPlatformsMayFrameUsAndOneAnswerMayPostToTheLms() {
        String policy = SecurityHeaders.policy(List.of("https://canvas.example.edu", "https://moodle.example.edu"),
                "https://canvas.example.edu");
        assertThat(policy).contains("frame-ancestors 'self' https://canvas.example.edu https://moodle.example.edu")
                .contains("form-action 'self' https://canvas.example.edu;").doesNotContain("frame-ancestors 'none'");
    }

    @Test
    void cookiesSetInAFrameAreCrossSiteAndPartitioned() {
        assertThat(SecurityHeaders.framedCookie("quarkus-credential=abc; Path=/; HTTPOnly; SameSite=Lax"))
                .isEqualTo("quarkus-credential=abc; Path=/; HTTPOnly; SameSite=None; Secure; Partitioned");
        assertThat(SecurityHeaders.framedCookie("csrf-token=x; Max-Age=43200; Secure; SameSite=Strict"))
                .isEqualTo("csrf-token=x; Max-Age=43200; SameSite=None; Secure; Partitioned");
        assertThat(SecurityHeaders.secureCookie("quarkus-credential=abc; Path=/; SameSite=Lax"))
                .isEqualTo("quarkus-credential=abc; Path=/; SameSite=Lax; Secure");
    }
}
