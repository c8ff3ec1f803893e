package threadmark.harness.internal;

import java.util.List;
import java.util.Map;

/**
 * Everything the server sent on stdin. {@code testClassFiles} is handed over to the class loader, which empties it
 * as classes get defined, so the hidden test bytes do not linger in a reachable map.
 */
public record Job(
        byte[] secret,
        String runId,
        int testTimeoutMillis,
        int totalTimeoutMillis,
        List<SourceFile> sources,
        Map<String, byte[]> testClassFiles,
        List<String> testClassesToRun) {
}
