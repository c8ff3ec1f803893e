package threadmark.submission;

/** A grading job this worker holds a lease on; the token proves the lease is still ours. */
public record ClaimedJob(long gradingId, String leaseToken, int attempt) {

    /** The worker part of the token ({@code host:pid@start/wN}); the rest is random per claim. */
    public String workerId() {
        return leaseToken.substring(0, leaseToken.lastIndexOf('/'));
    }
}
