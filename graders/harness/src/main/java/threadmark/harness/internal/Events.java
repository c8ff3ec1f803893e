package threadmark.harness.internal;

import java.util.List;

/** Builds the JSON events of PROTOCOL.md. */
final class Events {
    private Events() {
    }

    static JsonObject compile(CompileResult result) {
        JsonObject event = new JsonObject().put("type", "compile").put("ok", result.ok())
                .put("durationMillis", result.durationMillis());
        if (!result.ok()) {
            List<JsonObject> errors = result.errors().stream()
                    .map(e -> new JsonObject().put("file", e.file()).putNullable("line", e.line())
                            .putNullable("column", e.column()).put("message", e.message()))
                    .toList();
            event.put("errors", errors);
        }
        return event;
    }

    static JsonObject test(String id, String displayName, TestStatus status, long durationMillis, String message,
            String output) {
        return new JsonObject().put("type", "test").put("id", id).put("displayName", displayName)
                .put("status", status.name()).put("durationMillis", durationMillis).put("message", message)
                .put("output", output);
    }

    static JsonObject container(String id, TestStatus status, String message) {
        return new JsonObject().put("type", "container").put("id", id).put("status", status.name())
                .put("message", message);
    }

    /** {@code unmeasured} is the reason the host, not the code, ran out of time (an Inconclusive message), or null. */
    static JsonObject timeout(String message, String threadDump, String unmeasured) {
        return new JsonObject().put("type", "timeout").put("message", message).put("threadDump", threadDump)
                .put("unmeasured", unmeasured);
    }

    static JsonObject done(long testsMillis) {
        return new JsonObject().put("type", "done").put("testsMillis", testsMillis);
    }

    /**
     * The end of a run, with where this JVM's CPU time went (-1 where the kernel's figures are missing): before the
     * job came (JVM start, and the warm-up of a harness started ahead), compiling, and running the tests.
     */
    static JsonObject done(long testsMillis, CpuSplit cpu) {
        return done(testsMillis).put("cpuBeforeJobMillis", cpu.beforeJobMillis())
                .put("cpuCompileMillis", cpu.compileMillis()).put("cpuTestsMillis", cpu.testsMillis());
    }

    static JsonObject error(String message) {
        return new JsonObject().put("type", "error").put("message", message);
    }
}
