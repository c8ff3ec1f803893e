package threadmark.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import threadmark.course.Course;
import threadmark.course.CourseRole;
import threadmark.course.CourseStaff;
import threadmark.course.Enrolment;
import threadmark.exercise.Exercise;
import threadmark.lti.platform.PlatformServices;
import threadmark.submission.QueueOnlyProfile;
import threadmark.submission.Submission;
import threadmark.user.ExternalIdentity;
import threadmark.user.User;
import threadmark.web.BrowserSession;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static threadmark.testing.Api.as;
import static threadmark.testing.Api.instructor;

/**
 * Names and Role Provisioning against the test LMS's membership service over HTTP, a page of two members at a time:
 * learners enrolled, staff made course staff, members who leave or turn inactive unenrolled with their work kept.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class RosterSyncTest {

    private static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    private static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    private static final String TA = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";
    private static PlatformServices lms;

    @BeforeAll
    static void startLms() throws Exception {
        lms = new PlatformServices("threadmark-client", () -> {
            var published = given().get("/.well-known/jwks.json");
            return published.statusCode() == 200 ? published.asString()
                    : io.quarkus.arc.Arc.container().instance(ToolKeys.class).get().keySetJson();
        });
    }

    @AfterAll
    static void stopLms() {
        lms.close();
    }

    private static Optional<User> userOf(String issuer, String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ExternalIdentity.of(issuer, subject).map(i -> i.user));
    }

    private static boolean enrolled(String slug, String issuer, String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ExternalIdentity.of(issuer, subject)
                .flatMap(i -> Enrolment.of(Course.bySlug(slug).orElseThrow(), i.user)).isPresent());
    }

    private static boolean enrolled(String slug, String username) {
        return QuarkusTransaction.requiringNew().call(() -> Enrolment.of(Course.bySlug(slug).orElseThrow(),
                User.byUsername(username).orElseThrow()).isPresent());
    }

    private static long rows() {
        return QuarkusTransaction.requiringNew().call(() -> User.count() + Enrolment.count() + CourseStaff.count()
                + LtiMembership.count() + ExternalIdentity.count());
    }

    @Test
    void aSyncEnrolsLearnersMakesStaffAndUnenrolsThoseWhoLeftKeepingTheirWork() {
        LinkedCourse course = LinkedCourse.make("lti-roster", lms, "61");
        String issuer = course.issuer();
        course.student("lti-roster-known", "sub-known");
        threadmark.testing.Api.student("lti-roster-csv");
        instructor().contentType(ContentType.JSON).body(Map.of("username", "lti-roster-csv"))
                .post("/api/courses/lti-roster/students").then().statusCode(200);
        lms.pageSize(2);
        lms.members("ctx-lti-roster", List.of(
                new PlatformServices.Member("sub-known", "Known Kim", null, List.of(LEARNER), "Active"),
                new PlatformServices.Member("sub-ann", "Ann Archer", "Ann.Archer@uni.example", List.of(LEARNER), "Active"),
                new PlatformServices.Member("sub-ben", "Ben Brown", "ben@uni.example", List.of(LEARNER), "Active"),
                new PlatformServices.Member("sub-ida", "Ida Iyer", "ida@uni.example", List.of(INSTRUCTOR), "Active"),
                new PlatformServices.Member("sub-tom", "Tom Tan", "tom@uni.example", List.of(TA), "Active"),
                new PlatformServices.Member("sub-xia", "Xia Xu", "xia@uni.example", List.of(LEARNER), "Inactive")));
        int pages = lms.membershipPages();

        instructor().contentType(ContentType.JSON).post("/api/courses/lti-roster/roster-syncs").then().statusCode(200)
                .body("listed", equalTo(6)).body("enrolled", equalTo(2)).body("staff", equalTo(2))
                .body("unenrolled", equalTo(0));
        assertThat(lms.membershipPages() - pages).as("three pages of two, following rel=next").isEqualTo(3);
        assertThat(enrolled("lti-roster", issuer, "sub-known")).isTrue();
        assertThat(enrolled("lti-roster", issuer, "sub-ann")).isTrue();
        assertThat(enrolled("lti-roster", issuer, "sub-ben")).isTrue();
        assertThat(enrolled("lti-roster", issuer, "sub-xia")).as("listed as Inactive").isFalse();
        assertThat(enrolled("lti-roster", "lti-roster-csv")).as("enrolled by hand, not the LMS's to remove").isTrue();
        assertThat(userOf(issuer, "sub-known").orElseThrow().username).as("matched, not made again")
                .isEqualTo("lti-roster-known");
        User ann = userOf(issuer, "sub-ann").orElseThrow();
        assertThat(ann.username).isEqualTo("ann.archer");
        assertThat(ann.displayName).isEqualTo("Ann Archer");
        assertThat(ann.isStaff()).isFalse();
        QuarkusTransaction.requiringNew().run(() -> {
            Course c = Course.bySlug("lti-roster").orElseThrow();
            assertThat(CourseStaff.of(c, ExternalIdentity.of(issuer, "sub-ida").orElseThrow().user)
                    .map(s -> s.role)).contains(CourseRole.INSTRUCTOR);
            assertThat(CourseStaff.of(c, ExternalIdentity.of(issuer, "sub-tom").orElseThrow().user)
                    .map(s -> s.role)).contains(CourseRole.ASSISTANT);
            assertThat(LtiContext.<LtiContext>findById(course.contextId()).rosterSyncedAt).isNotNull();
            // Ben has done some work before he leaves.
            Submission work = new Submission();
            work.user = ExternalIdentity.of(issuer, "sub-ben").orElseThrow().user;
            work.exercise = Exercise.current("race-counter").orElseThrow();
            work.files = Map.of("Counter.java", "class Counter {}");
            work.persist();
        });

        // Ben leaves the LMS course and Ann is made inactive there.
        lms.members("ctx-lti-roster", List.of(
                new PlatformServices.Member("sub-known", "Known Kim", null, List.of(LEARNER), "Active"),
                new PlatformServices.Member("sub-ann", "Ann Archer", "Ann.Archer@uni.example", List.of(LEARNER), "Inactive"),
                new PlatformServices.Member("sub-ida", "Ida Iyer", "ida@uni.example", List.of(INSTRUCTOR), "Active"),
                new PlatformServices.Member("sub-tom", "Tom Tan", "tom@uni.example", List.of(TA), "Active")));
        BrowserSession staff = BrowserSession.login("instructor", "instructor");
        staff.get("/staff/lms/lti-roster").then().statusCode(200);
        String page = staff.postForm("/staff/lms/lti-roster/roster-syncs", Map.of("csrf-token", staff.formToken))
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("4 members listed, 0 enrolled, 0 staff, 2 unenrolled");
        assertThat(enrolled("lti-roster", issuer, "sub-ben")).isFalse();
        assertThat(enrolled("lti-roster", issuer, "sub-ann")).isFalse();
        assertThat(enrolled("lti-roster", issuer, "sub-known")).isTrue();
        QuarkusTransaction.requiringNew().run(() -> {
            User ben = ExternalIdentity.of(issuer, "sub-ben").orElseThrow().user;
            assertThat(Submission.count("user", ben)).as("his work stays").isEqualTo(1);
            LtiContext context = LtiContext.findById(course.contextId());
            assertThat(LtiMembership.of(context, ben).orElseThrow().status).isEqualTo(LtiMembership.Status.GONE);
            assertThat(LtiMembership.of(context, ExternalIdentity.of(issuer, "sub-ann").orElseThrow().user)
                    .orElseThrow().status).isEqualTo(LtiMembership.Status.INACTIVE);
        });
    }

    @Test
    void onlyTheCoursesInstructorsSyncAndAnLmsThatDoesNotAnswerChangesNothing() {
        LinkedCourse course = LinkedCourse.make("lti-roster-guard", lms, "62");
        lms.members("ctx-lti-roster-guard", List.of(
                new PlatformServices.Member("sub-g1", "Gil", "gil@uni.example", List.of(LEARNER), "Active")));
        threadmark.testing.Api.student("lti-guard-student");
        threadmark.testing.Api.account("lti-guard-ta", "INSTRUCTOR");
        instructor().contentType(ContentType.JSON).body(Map.of("role", "ASSISTANT"))
                .put("/api/courses/lti-roster-guard/staff/lti-guard-ta").then().statusCode(200);
        long before = rows();
        as("lti-guard-student").contentType(ContentType.JSON).post("/api/courses/lti-roster-guard/roster-syncs")
                .then().statusCode(403);
        as("lti-guard-ta").contentType(ContentType.JSON).post("/api/courses/lti-roster-guard/roster-syncs")
                .then().statusCode(403).body("error", containsString("only its instructors change its roster"));
        lms.down(true);
        try {
            instructor().contentType(ContentType.JSON).post("/api/courses/lti-roster-guard/roster-syncs").then()
                    .statusCode(502).body("error", containsString("answered 503"));
        } finally {
            lms.down(false);
        }
        assertThat(rows()).as("nothing created").isEqualTo(before);
        assertThat(userOf(course.issuer(), "sub-g1")).isEmpty();

        instructor().contentType(ContentType.JSON).body(Map.of("slug", "lti-unlinked", "title", "No LMS"))
                .post("/api/courses").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409)));
        instructor().contentType(ContentType.JSON).post("/api/courses/lti-unlinked/roster-syncs").then()
                .statusCode(409).body("error", containsString("not linked to an LMS context"));
    }

    @Test
    void aLaunchReadsTheRosterInTheBackgroundAtMostOnceAnHour() throws Exception {
        LinkedCourse course = LinkedCourse.make("lti-roster-launch", lms, "63");
        lms.members("ctx-lti-roster-launch", List.of(
                new PlatformServices.Member("sub-l1", "Lia", "lia@uni.example", List.of(LEARNER), "Active")));
        RosterSync rosters = io.quarkus.arc.Arc.container().instance(RosterSync.class).get();
        int pages = lms.membershipPages();
        rosters.syncAfterLaunch(course.contextId());
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (!QuarkusTransaction.requiringNew().call(() ->
                LtiContext.<LtiContext>findById(course.contextId()).rosterSyncedAt != null)) {
            assertThat(java.time.Instant.now()).as("the roster is read after the launch").isBefore(deadline);
            Thread.sleep(50);
        }
        assertThat(enrolled("lti-roster-launch", course.issuer(), "sub-l1")).isTrue();
        rosters.syncAfterLaunch(course.contextId());
        Thread.sleep(500);
        assertThat(lms.membershipPages() - pages).as("read once: the next launch within the hour reads nothing")
                .isEqualTo(1);
    }
}
