package threadmark.harness.internal;

/** One compiler error on a student file; line and column are {@code null} when unknown. */
public record CompileError(String file, Long line, Long column, String message) {
}
