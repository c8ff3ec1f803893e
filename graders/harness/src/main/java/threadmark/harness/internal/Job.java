package threadmark.harness.internal;

import java.util.List;
import java.util.Map;

/**
 * Everything the server sent on stdin. {@code testClassFiles} and {@code referenceClassFiles} are handed over to class
 * loaders, which define every class before student code runs, zero each array and empty the maps: the hidden bytes
 * do not linger anywhere in memory. The reference solution's classes have the student's class names, so they get a
 * loader of their own.
 */
public record Job(
        byte[] secret,
        String runId,
        int testTimeoutMillis,
        int totalTimeoutMillis,
        List<SourceFile> sources,
        Map<String, byte[]> testClassFiles,
        List<String> testClassesToRun,
        Map<String, byte[]> referenceClassFiles) {
}
