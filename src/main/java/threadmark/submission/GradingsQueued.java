package threadmark.submission;

/**
 * Fired inside the transaction that queued gradings: once it commits, idle workers of this process take them at once
 * instead of at their next poll (workers of other processes find them when they poll).
 */
public record GradingsQueued(int count) {
}
