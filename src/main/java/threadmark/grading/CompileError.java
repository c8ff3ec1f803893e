package threadmark.grading;

/** A compiler diagnostic in a student's file. */
public record CompileError(String file, long line, long column, String message) {
}
