package threadmark.harness.internal;

import java.util.List;
import java.util.Map;

/**
 * Everything the server sent on stdin. {@code testClassFiles} is handed over to the class loader, which defines
 * every class before student code runs, zeroes each array and empties the map: the hidden tests' bytes do not
 * linger anywhere in memory.
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
