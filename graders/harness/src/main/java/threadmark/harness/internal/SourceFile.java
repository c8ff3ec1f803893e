package threadmark.harness.internal;

/** One student source file as it arrived in the job, e.g. {@code Counter.java}. */
public record SourceFile(String name, String text) {
}
