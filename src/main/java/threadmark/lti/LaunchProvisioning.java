package threadmark.lti;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import threadmark.course.Assignment;
import threadmark.course.Course;
import threadmark.course.CourseRole;
import threadmark.course.CourseService;
import threadmark.exercise.Exercise;
import threadmark.user.ExternalLogin;
import threadmark.user.Role;
import threadmark.user.User;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keeps what a checked launch vouches for, all in one transaction: the nonce as used, the user (by the platform's sub),
 * the LMS course as one of ours with the user on its staff or roster, and the resource link as an assignment with its
 * line item. A refusal on the way leaves nothing behind.
 */
@ApplicationScoped
public class LaunchProvisioning {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the launch lands: an exercise of a course, or a deep linking request to answer. */
    public record Landing(long userId, String exerciseSlug, String deepLinkRequestId, long contextId) {
    }

    @Inject
    ExternalLogin externalLogin;

    @Inject
    CourseService courses;

    @Inject
    EntityManager entities;

    @Transactional
    public Landing provision(Launch launch) {
        useNonce(launch);
        LtiPlatform platform = LtiPlatform.findById(launch.platformId());
        LtiDeployment deployment = LtiDeployment.of(platform, launch.deploymentId()).orElseThrow(() ->
                LaunchRefusal.forbidden("Deployment " + launch.deploymentId() + " was removed meanwhile."));
        Launch.Standing standing = launch.standing();
        if (standing == Launch.Standing.NONE) {
            throw LaunchRefusal.forbidden("Your role in this LMS course (" + String.join(", ", launch.roles())
                    + ") gives no access to Threadmark: it is for its students, instructors and assistants.");
        }
        if (launch.deepLinking() && standing == Launch.Standing.STUDENT) {
            throw LaunchRefusal.forbidden("Only the course's instructors add Threadmark exercises to it; as a "
                    + "student, open an exercise the course already has.");
        }
        if (launch.contextId() == null) {
            throw LaunchRefusal.forbidden("The LMS launched Threadmark outside a course (no context): add it to a "
                    + "course and launch it from there.");
        }
        User user = externalLogin.userFor(launch.issuer(), launch.subject(), () -> newUser(launch, standing));
        if (user.isDisabled()) {
            throw LaunchRefusal.forbidden("The Threadmark account " + user.username + " is disabled: ask your "
                    + "instructor.");
        }
        refresh(user, launch, standing);
        LtiContext context = context(deployment, launch, user, standing);
        if (launch.deepLinking()) {
            DeepLinkRequest request = new DeepLinkRequest();
            request.id = token();
            request.platform = platform;
            request.deploymentId = launch.deploymentId();
            request.user = user;
            request.returnUrl = launch.deepLinkReturnUrl();
            request.data = launch.deepLinkData();
            request.context = context;
            request.persist();
            return new Landing(user.id, null, request.id, context.id);
        }
        LtiResourceLink link = LtiResourceLink.of(context, launch.resourceLinkId()).orElseGet(() -> {
            LtiResourceLink l = new LtiResourceLink();
            l.context = context;
            l.resourceLinkId = launch.resourceLinkId();
            return l;
        });
        if (link.assignment == null) {
            String slug = launch.custom().get("exercise");
            if (slug == null || Exercise.current(slug).isEmpty()) {
                throw LaunchRefusal.forbidden(slug == null
                        ? "This LMS link names no Threadmark exercise: an instructor adds it again through the "
                        + "LMS's Threadmark picker (deep linking)."
                        : "This LMS link names the exercise '" + slug + "', which Threadmark does not have (any more).");
            }
            link.assignment = courses.assignVouched(context.course, slug);
        }
        // Assignment and Grade Services (AGS 2.0, section 3.1): where this link's scores go, when the LMS offers it.
        if (launch.lineItemUrl() != null || launch.lineItemsUrl() != null) {
            link.lineItemUrl = launch.lineItemUrl();
            link.lineItemsUrl = launch.lineItemsUrl();
            link.agsScopes = String.join(" ", launch.agsScopes());
        }
        link.persist();
        return new Landing(user.id, link.assignment.exerciseSlug, null, context.id);
    }

    /** Security Framework 5.1.3 step 9: a nonce is accepted once; kept until the token would expire anyway. */
    private void useNonce(Launch launch) {
        int inserted = entities.createNativeQuery("insert into lti_used_nonce (platform_id, nonce, expires_at) "
                        + "values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, launch.platformId()).setParameter(2, launch.nonce())
                .setParameter(3, launch.expiresAt().plusSeconds(600)).executeUpdate();
        if (inserted == 0) {
            throw LaunchRefusal.unauthorized("This launch was used already (its nonce was seen before): start the "
                    + "activity again from the LMS.");
        }
    }

    private LtiContext context(LtiDeployment deployment, Launch launch, User user, Launch.Standing standing) {
        LtiContext context = LtiContext.of(deployment, launch.contextId()).orElse(null);
        if (context == null) {
            if (standing == Launch.Standing.STUDENT) {
                throw LaunchRefusal.forbidden("This LMS course is not set up in Threadmark yet: its instructor opens "
                        + "Threadmark from the course once first.");
            }
            String title = launch.contextTitle() != null ? launch.contextTitle()
                    : launch.contextLabel() != null ? launch.contextLabel() : "LMS course " + launch.contextId();
            context = new LtiContext();
            context.deployment = deployment;
            context.contextId = launch.contextId();
            context.course = courses.createVouched(title, user);
            context.title = title;
            Log.infof("LTI context %s of platform %d is course %s", launch.contextId(), launch.platformId(),
                    context.course.slug);
        } else if (launch.contextTitle() != null) {
            context.title = launch.contextTitle();
        }
        // Names and Role Provisioning 2.0, section 3.6: the roster's URL, when the LMS offers it.
        if (launch.membershipsUrl() != null) {
            context.membershipsUrl = launch.membershipsUrl();
        }
        context.persist();
        Course course = context.course;
        switch (standing) {
            case INSTRUCTOR -> courses.joinStaffVouched(course, user, CourseRole.INSTRUCTOR);
            case ASSISTANT -> courses.joinStaffVouched(course, user, CourseRole.ASSISTANT);
            default -> courses.enrolVouched(course, user);
        }
        return context;
    }

    /**
     * An LMS's staff get a staff account: the platform was registered by an admin, who trusts its roles
     * ({@link LmsAccounts}).
     */
    private static User newUser(Launch launch, Launch.Standing standing) {
        return LmsAccounts.create(person(launch), standing == Launch.Standing.STUDENT ? Role.STUDENT : Role.INSTRUCTOR,
                launch.issuer());
    }

    static LmsAccounts.Person person(Launch launch) {
        return new LmsAccounts.Person(launch.custom().get("login_id"), launch.email(), launch.givenName(),
                launch.familyName(), launch.name());
    }

    private static void refresh(User user, Launch launch, Launch.Standing standing) {
        String name = launch.name() != null ? launch.name()
                : launch.givenName() != null || launch.familyName() != null
                ? ((launch.givenName() == null ? "" : launch.givenName()) + " "
                + (launch.familyName() == null ? "" : launch.familyName())).strip() : null;
        if (name != null && !name.isBlank()) {
            user.displayName = name.length() > 200 ? name.substring(0, 200) : name;
        }
        if (launch.email() != null && launch.email().length() <= 320) {
            user.email = launch.email();
        }
        if (standing != Launch.Standing.STUDENT && !user.isStaff()) {
            user.role = Role.INSTRUCTOR.name();
            Log.infof("user %s is staff from now on: %s launched them as %s", user.username, launch.issuer(),
                    standing);
        }
    }


    static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Transactional
    public void forgetOld(Instant loginsBefore, Instant deepLinksBefore) {
        LoginState.deleteOlderThan(loginsBefore);
        UsedNonce.deleteExpired(Instant.now());
        DeepLinkRequest.deleteOlderThan(deepLinksBefore);
    }

    static String newNonceOrState() {
        return token() + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
