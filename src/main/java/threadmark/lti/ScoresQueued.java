package threadmark.lti;

/** Fired inside a transaction that put scores in the outbox: once it commits, this process's sender posts them. */
public record ScoresQueued(int count) {
}
