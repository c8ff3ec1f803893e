package threadmark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import threadmark.user.User;

import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code rate-limit} submissions per student per {@code rate-window}, counted in the database so that every
 * server of a cluster applies the same limit. Callers hold the student's row lock, so two requests at once cannot
 * both slip under the limit.
 */
@ApplicationScoped
public class SubmissionRateLimit {

    @Inject
    SubmissionsConfig config;

    void check(User student, Instant now) {
        if (student.isStaff()) {
            return;
        }
        Instant windowStart = now.minus(config.rateWindow());
        long recent = Submission.countSince(student, windowStart);
        if (recent < config.rateLimit()) {
            return;
        }
        Instant oldest = Submission.<Submission>find("user = ?1 and submittedAt > ?2 order by submittedAt",
                student, windowStart).firstResult().submittedAt;
        long waitSeconds = Math.max(1, Duration.between(now, oldest.plus(config.rateWindow())).toSeconds() + 1);
        throw new ClientErrorException("you sent " + recent + " submissions in the last "
                + config.rateWindow().toSeconds() + " s, the most allowed; try again in " + waitSeconds + " s",
                Response.status(429).header("Retry-After", waitSeconds).build());
    }
}
