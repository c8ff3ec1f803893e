package threadmark.harness.internal;

import java.util.List;
import java.util.Map;

/** The outcome of compiling the student sources: errors, or the class files by binary name. */
public record CompileResult(boolean ok, long durationMillis, List<CompileError> errors, Map<String, byte[]> classFiles) {
}
