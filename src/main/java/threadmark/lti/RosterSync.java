package threadmark.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import threadmark.course.Assignment;
import threadmark.course.Course;
import threadmark.course.CourseAccess;
import threadmark.course.CourseRole;
import threadmark.course.CourseStaff;
import threadmark.course.Enrolment;
import threadmark.user.ExternalLogin;
import threadmark.user.Role;
import threadmark.user.User;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an LMS context's members (Names and Role Provisioning 2.0) and brings the course in line: members matched or
 * made by their LMS user id ({@link ExternalLogin#userFor}), active learners enrolled, instructors and teaching
 * assistants with staff accounts made course staff, learners the LMS no longer lists (or lists as Inactive)
 * unenrolled, their submissions kept. On demand by staff, or after a launch ({@link #sync(long)}).
 */
@ApplicationScoped
public class RosterSync {

    static final String MEMBERSHIPS_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    private static final Set<String> SCOPES = Set.of(PlatformTokens.MEMBERSHIPS_SCOPE);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 1000;

    /** What a sync did: members listed, learners enrolled, staff added, learners unenrolled. */
    public record Result(int listed, int enrolled, int staff, int unenrolled) {
        Result plus(Result other) {
            return new Result(listed + other.listed, enrolled + other.enrolled, staff + other.staff,
                    unenrolled + other.unenrolled);
        }
    }

    /** A member as the container lists it. */
    record Member(String userId, List<String> roles, String status, String name, String givenName, String familyName,
                  String email) {
        boolean active() {
            return status == null || status.equals("Active");
        }

        boolean learner() {
            return roles.stream().anyMatch(r -> role(r, "Learner"));
        }

        /** LIS vocabulary: the membership role, or its short name (LTI 1.3 core, appendix A.2). */
        CourseRole staffRole() {
            if (roles.stream().anyMatch(r -> role(r, "TeachingAssistant"))) {
                return CourseRole.ASSISTANT;
            }
            if (roles.stream().anyMatch(r -> role(r, "Instructor") || role(r, "ContentDeveloper"))) {
                return CourseRole.INSTRUCTOR;
            }
            return null;
        }

        private static boolean role(String uri, String name) {
            return uri.equals(name) || uri.endsWith("#" + name) || uri.endsWith("/" + name);
        }
    }

    private record Source(long contextId, PlatformTokens.Endpoint platform, String issuer, String membershipsUrl) {
    }

    @Inject
    PlatformTokens tokens;

    @Inject
    LtiHttp http;

    @Inject
    ObjectMapper json;

    @Inject
    ExternalLogin externalLogin;

    @Inject
    ScoreOutbox outbox;

    @Inject
    LtiConfig config;

    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("lti-roster-sync").factory());
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    /** Staff ask: every LMS context of the course that offers its members. 409 when none does. */
    public Result sync(String courseSlug, User actor) throws PlatformCallFailed {
        List<Long> contexts = QuarkusTransaction.requiringNew().call(() -> {
            Course course = CourseAccess.manageable(courseSlug, actor);
            return LtiContext.<LtiContext>list("course = ?1 and membershipsUrl is not null order by id", course)
                    .stream().map(c -> c.id).toList();
        });
        if (contexts.isEmpty()) {
            throw new ClientErrorException("course '" + courseSlug + "' is not linked to an LMS context that offers "
                    + "its members (Names and Role Provisioning): launch it from the LMS first",
                    Response.Status.CONFLICT);
        }
        Result total = new Result(0, 0, 0, 0);
        for (long context : contexts) {
            total = total.plus(sync(context));
        }
        Log.infof("lti: %s synced the roster of %s: %s", actor.username, courseSlug, total);
        return total;
    }

    /**
     * For the launch, once it has mapped the context: reads the roster in the background when the context offers it
     * and its last read is older than {@code threadmark.lti.roster-after-launch}, so that the launch never waits for
     * the LMS; a failure is logged (staff can sync by hand and see why).
     */
    public void syncAfterLaunch(long ltiContextId) {
        boolean due = QuarkusTransaction.requiringNew().call(() -> {
            LtiContext context = LtiContext.findById(ltiContextId);
            return context != null && context.membershipsUrl != null && (context.rosterSyncedAt == null
                    || context.rosterSyncedAt.isBefore(Instant.now().minus(config.rosterAfterLaunch())));
        });
        if (due && inFlight.add(ltiContextId)) {
            background.execute(() -> {
                try {
                    Result result = sync(ltiContextId);
                    Log.infof("lti: roster of context %d read after a launch: %s", ltiContextId, result);
                } catch (PlatformCallFailed | RuntimeException e) {
                    Log.warnf("lti: roster of context %d not read after a launch: %s", ltiContextId, e.getMessage());
                } finally {
                    inFlight.remove(ltiContextId);
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent event) {
        background.shutdownNow();
    }

    /** Reads one context's members and applies them, now. */
    public Result sync(long ltiContextId) throws PlatformCallFailed {
        Source source = QuarkusTransaction.requiringNew().call(() -> {
            LtiContext context = LtiContext.findById(ltiContextId);
            if (context == null || context.membershipsUrl == null) {
                throw new BadRequestException("LTI context " + ltiContextId + " offers no membership service");
            }
            LtiPlatform platform = context.deployment.platform;
            return new Source(context.id, PlatformTokens.Endpoint.of(platform), platform.issuer,
                    context.membershipsUrl);
        });
        List<Member> members = fetch(source);
        return QuarkusTransaction.requiringNew().call(() -> apply(source, members));
    }

    private List<Member> fetch(Source source) throws PlatformCallFailed {
        List<Member> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String url = source.membershipsUrl();
        for (int page = 0; url != null; page++) {
            if (page == MAX_PAGES || !seen.add(url)) {
                throw new PlatformCallFailed(0, "the membership pages of " + source.membershipsUrl()
                        + " do not end (a next link repeats or there are over " + MAX_PAGES + ")", false);
            }
            HttpResponse<String> answer = get(source, url);
            if (answer.statusCode() == 401) {
                tokens.forget(source.platform(), SCOPES);
                answer = get(source, url);
            }
            if (answer.statusCode() != 200) {
                throw new PlatformCallFailed(answer.statusCode(), "the membership service " + source.membershipsUrl()
                        + " answered " + answer.statusCode() + ": " + PlatformCallFailed.trimmed(answer.body()),
                        PlatformCallFailed.retryable(answer.statusCode()));
            }
            members.addAll(parse(source, answer.body()));
            url = answer.headers().allValues("Link").stream().flatMap(h -> List.of(h.split(",")).stream())
                    .map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1).strip()).findFirst().orElse(null);
        }
        return members;
    }

    private HttpResponse<String> get(Source source, String url) throws PlatformCallFailed {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new PlatformCallFailed(0, "the membership URL is not a URL: " + url, false);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(http.timeout())
                .header("Accept", MEMBERSHIPS_TYPE)
                .header("Authorization", "Bearer " + tokens.token(source.platform(), SCOPES)).GET().build();
        return http.send(request, "membership service " + source.membershipsUrl());
    }

    private List<Member> parse(Source source, String body) throws PlatformCallFailed {
        try {
            JsonNode container = json.readTree(body);
            if (!container.path("members").isArray()) {
                throw new PlatformCallFailed(200, "the membership container of " + source.membershipsUrl()
                        + " has no members array", false);
            }
            List<Member> members = new ArrayList<>();
            for (JsonNode m : container.get("members")) {
                String userId = m.path("user_id").asText("");
                if (userId.isBlank()) {
                    continue;
                }
                List<String> roles = new ArrayList<>();
                m.path("roles").forEach(r -> roles.add(r.asText()));
                members.add(new Member(userId, roles, text(m, "status"), text(m, "name"), text(m, "given_name"),
                        text(m, "family_name"), text(m, "email")));
            }
            return members;
        } catch (IOException e) {
            throw new PlatformCallFailed(200, "the membership service " + source.membershipsUrl()
                    + " answered something that is not JSON", false);
        }
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Result apply(Source source, List<Member> members) {
        LtiContext context = LtiContext.findById(source.contextId());
        Course course = context.course;
        int enrolled = 0;
        int staff = 0;
        int unenrolled = 0;
        Set<Long> listed = new HashSet<>();
        for (Member member : members) {
            CourseRole role = member.staffRole();
            User user = externalLogin.userFor(source.issuer(), member.userId(), () -> newUser(member, role, source.issuer()));
            listed.add(user.id);
            LtiMembership membership = LtiMembership.of(context, user).orElseGet(() -> {
                LtiMembership m = new LtiMembership();
                m.context = context;
                m.user = user;
                return m;
            });
            membership.roles = String.join(" ", member.roles());
            membership.status = member.active() ? LtiMembership.Status.ACTIVE : LtiMembership.Status.INACTIVE;
            membership.syncedAt = Instant.now();
            membership.persist();
            if (!member.active()) {
                unenrolled += unenrol(course, user);
                continue;
            }
            if (member.learner() && role == null && !user.isStaff() && Enrolment.of(course, user).isEmpty()) {
                Enrolment enrolment = new Enrolment();
                enrolment.course = course;
                enrolment.user = user;
                enrolment.persist();
                enrolled++;
            }
            if (role != null && CourseStaff.of(course, user).isEmpty()) {
                if (user.isStaff()) {
                    CourseStaff granted = new CourseStaff();
                    granted.course = course;
                    granted.user = user;
                    granted.role = role;
                    granted.persist();
                    staff++;
                } else {
                    Log.warnf("lti: %s is %s in the LMS but a student account here; an admin decides whether it "
                            + "becomes a staff account", user.username, role);
                }
            }
        }
        for (LtiMembership gone : LtiMembership.active(context)) {
            if (!listed.contains(gone.user.id)) {
                gone.status = LtiMembership.Status.GONE;
                gone.syncedAt = Instant.now();
                unenrolled += unenrol(course, gone.user);
            }
        }
        context.rosterSyncedAt = Instant.now();
        // Students the LMS has just named may have scores that could not be sent before.
        for (Assignment assignment : Assignment.inCourse(course)) {
            outbox.refresh(assignment, null);
        }
        return new Result(members.size(), enrolled, staff, unenrolled);
    }

    /** Only the enrolment goes: submissions, gradings and sent scores stay. */
    private static int unenrol(Course course, User user) {
        return Enrolment.of(course, user).map(e -> {
            e.delete();
            return 1;
        }).orElse(0);
    }

    /** A new account for a member the LMS vouches for ({@link LmsAccounts}, as a launch makes one). */
    private static User newUser(Member member, CourseRole role, String issuer) {
        return LmsAccounts.create(new LmsAccounts.Person(null, member.email(), member.givenName(),
                member.familyName(), member.name()), role == null ? Role.STUDENT : Role.INSTRUCTOR, issuer);
    }
}
