package threadmark.lti;

/**
 * A platform's endpoint (token, scores, memberships) did not give us what we asked for. {@code status} is the HTTP
 * status it answered (0: no answer at all); {@code reason} is a sentence for staff, never carrying a token or an
 * assertion; {@code retryable}: the same request may succeed later (the LMS is down or busy).
 */
public class PlatformCallFailed extends Exception {

    public final int status;
    public final String reason;
    public final boolean retryable;

    public PlatformCallFailed(int status, String reason, boolean retryable) {
        super(reason);
        this.status = status;
        this.reason = reason;
        this.retryable = retryable;
    }

    /** Whether an answer with this status is worth asking again later: the LMS is down, overloaded or throttling. */
    static boolean retryable(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /** The first characters of an answer's body, on one line: enough to tell staff what the LMS said. */
    static String trimmed(String body) {
        if (body == null) {
            return "";
        }
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= 500 ? line : line.substring(0, 500) + "…";
    }
}
