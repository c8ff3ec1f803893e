package threadmark.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import threadmark.course.CourseService;
import threadmark.exercise.Exercise;
import threadmark.exercise.ExerciseListing;
import threadmark.user.User;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a deep linking request (LTI Deep Linking 2.0): the exercise a staff member picked becomes an
 * {@code ltiResourceLink} with a line item of 100 points, in a response JWT signed with our key, posted back to the
 * LMS's return URL. The exercise is assigned in the course at once.
 */
@ApplicationScoped
public class DeepLinking {

    /** Where the browser posts the signed response (the JWT form field). */
    public record Answer(String returnUrl, String jwt) {
    }

    /** A request in flight and the course it is for, for the picker page. */
    public record Pending(String id, String courseTitle) {
    }

    @Inject
    ToolKeys keys;

    @Inject
    LtiConfig config;

    @Inject
    CourseService courses;

    @Transactional
    public Pending pending(String id, User user) {
        DeepLinkRequest request = mine(id, user);
        return new Pending(request.id, request.context == null ? "" : request.context.course.title);
    }

    /** The exercises a deep link may name: the published catalogue, without archived ones. */
    public static List<Exercise> choices() {
        Map<String, ExerciseListing> listings = ExerciseListing.all();
        return Exercise.catalogue().stream().filter(e -> {
            ExerciseListing listing = listings.get(e.slug);
            return listing == null || listing.visibility != ExerciseListing.Visibility.ARCHIVED;
        }).toList();
    }

    @Transactional
    public Answer answer(String id, String exerciseSlug, User user, ToolUrls urls) {
        DeepLinkRequest request = mine(id, user);
        Exercise exercise = choices().stream().filter(e -> e.slug.equals(exerciseSlug)).findFirst()
                .orElseThrow(() -> new BadRequestException("choose one of the published exercises"));
        if (request.context != null) {
            courses.assignVouched(request.context.course, exercise.slug);
        }
        LtiPlatform platform = request.platform;
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        // Deep Linking 2.0, section 4.2: the tool is the issuer (its client id), the platform the audience.
        claims.setIssuer(platform.clientId);
        claims.setAudience(platform.issuer);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(600).getEpochSecond()));
        claims.setClaim("nonce", LaunchProvisioning.newNonceOrState());
        claims.setClaim(Launch.LTI + "deployment_id", request.deploymentId);
        claims.setClaim(Launch.LTI + "message_type", "LtiDeepLinkingResponse");
        claims.setClaim(Launch.LTI + "version", "1.3.0");
        if (request.data != null) {
            claims.setClaim(LaunchValidator.DL + "data", request.data);
        }
        Map<String, Object> lineItem = new LinkedHashMap<>();
        lineItem.put("scoreMaximum", 100);
        lineItem.put("label", exercise.title);
        lineItem.put("resourceId", exercise.slug);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "ltiResourceLink");
        item.put("title", exercise.title);
        item.put("url", urls.launch());
        item.put("custom", Map.of("exercise", exercise.slug));
        item.put("lineItem", lineItem);
        claims.setClaim(LaunchValidator.DL + "content_items", List.of(item));
        String returnUrl = request.returnUrl;
        request.delete();
        return new Answer(returnUrl, keys.sign(claims));
    }

    private DeepLinkRequest mine(String id, User user) {
        DeepLinkRequest request = DeepLinkRequest.findById(id);
        if (request == null || request.createdAt.isBefore(Instant.now().minus(config.deepLinkLifetime()))) {
            throw new NotFoundException("this request to add an exercise is unknown, answered or too old: start again "
                    + "from the LMS");
        }
        if (!request.user.id.equals(user.id)) {
            throw new ForbiddenException("this request to add an exercise was made by someone else");
        }
        return request;
    }
}
