package threadmark.grading;

import threadmark.format.ExerciseDefinition;
import threadmark.sandbox.SandboxRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what the sandbox and harness reported into points and words a student can act on. Points come
 * from the exercise definition, never from the container: a test with no verified result earns nothing.
 */
final class Scorer {

    private static final int OUTPUT_LIMIT = 16 * 1024;

    private Scorer() {
    }

    static GradeReport score(ExerciseDefinition exercise, HarnessReport report, SandboxRun run, int memoryMb) {
        double max = exercise.maxScore();
        Map<String, Long> timings = timings(report, run);
        String output = studentOutput(run);
        String starved = starved(report, run);
        HarnessReport.Compile compile = report.compile() != null ? report.compile()
                : starved != null ? null : unfinishedCompile(report, run, exercise, memoryMb);
        if (compile == null) {
            // The host starved javac until the total timeout: nothing is known about the code yet.
            List<GradeReport.TestVerdict> unmeasured = exercise.tests().stream()
                    .map(t -> verdict(t, GradeReport.Status.UNMEASURED, 0, Unmeasured.waitingMessage(starved), null, 0))
                    .toList();
            return new GradeReport(GradeReport.Outcome.TIMED_OUT, summary(GradeReport.Outcome.TIMED_OUT, 0, max,
                    unmeasured, null), 0, max, List.of(), unmeasured, output, timings);
        }
        if (!compile.ok()) {
            List<GradeReport.TestVerdict> notRun = exercise.tests().stream()
                    .map(t -> verdict(t, GradeReport.Status.MISSING, 0, "Not run: your code does not compile.", null, 0))
                    .toList();
            return new GradeReport(GradeReport.Outcome.COMPILE_FAILED, compileSummary(compile.errors()), 0, max,
                    compile.errors(), notRun, output, timings);
        }
        GradeReport.Outcome outcome = outcome(report, run);
        String missingReason = starved != null
                ? "Not finished in time, but the machine was too busy to tell whether your code is slow."
                : missingReason(outcome, report, run, exercise, memoryMb);
        List<GradeReport.TestVerdict> verdicts = new ArrayList<>();
        double score = 0;
        for (ExerciseDefinition.TestSpec spec : exercise.tests()) {
            HarnessReport.TestEvent event = report.tests().get(spec.id());
            if (event == null) {
                String classFailure = report.failedClasses().get(spec.className());
                if (classFailure == null && starved != null) {
                    verdicts.add(verdict(spec, GradeReport.Status.UNMEASURED, 0, Unmeasured.waitingMessage(starved),
                            null, 0));
                    continue;
                }
                String reason = classFailure != null
                        ? "Not run: the test class failed before this test started: " + classFailure
                        : missingReason;
                verdicts.add(verdict(spec, GradeReport.Status.MISSING, 0, reason, null, 0));
                continue;
            }
            boolean passed = "PASSED".equals(event.status());
            double points = passed ? spec.points() : 0;
            score += points;
            boolean aborted = "ABORTED".equals(event.status());
            boolean unmeasured = aborted && Unmeasured.isInconclusive(event.message());
            GradeReport.Status status = passed ? GradeReport.Status.PASSED
                    : unmeasured ? GradeReport.Status.UNMEASURED
                    : aborted ? GradeReport.Status.ABORTED : GradeReport.Status.FAILED;
            String message = passed ? null : unmeasured ? Unmeasured.waitingMessage(event.message()) : explain(event.message());
            verdicts.add(new GradeReport.TestVerdict(spec.id(), event.displayName(), status, points, spec.points(),
                    spec.visible(), message, event.output(), event.durationMillis()));
        }
        return new GradeReport(outcome, summary(outcome, score, max, verdicts, missingReason), score, max, List.of(),
                verdicts, output, timings);
    }

    /**
     * The harness's signed word that its total timeout says nothing about the code, because the host kept the run's
     * threads from the CPU (an Inconclusive message); null when the timeout, if any, is a verdict.
     */
    private static String starved(HarnessReport report, SandboxRun run) {
        return run.ending() == SandboxRun.Ending.OUT_OF_MEMORY || report.timeoutMessage() == null ? null
                : report.timeoutUnmeasured();
    }

    /**
     * The run ended by a timeout or out of memory before the harness reported the compile (the Grader lets no other
     * such run through): only javac on the student's source had run, so the student's code did not compile in time.
     */
    private static HarnessReport.Compile unfinishedCompile(HarnessReport report, SandboxRun run,
                                                           ExerciseDefinition exercise, int memoryMb) {
        String reason = run.ending() == SandboxRun.Ending.OUT_OF_MEMORY
                ? "compiling your code used more than " + memoryMb + " MB of memory"
                : "compiling your code did not finish within the time limit of " + exercise.limits().timeSeconds() + " s";
        return new HarnessReport.Compile(false, run.timings().runMillis(), List.of(new CompileError(null, 0, 0, reason
                + ". Something in your code makes the compiler work very hard (for example switches over records with"
                + " many components, deeply nested generic types or expressions, or very long methods): simplify it.")));
    }

    private static GradeReport.Outcome outcome(HarnessReport report, SandboxRun run) {
        if (run.ending() == SandboxRun.Ending.OUT_OF_MEMORY) {
            return GradeReport.Outcome.OUT_OF_MEMORY;
        }
        if (report.timeoutMessage() != null || run.ending() == SandboxRun.Ending.TIMED_OUT) {
            return GradeReport.Outcome.TIMED_OUT;
        }
        return report.done() ? GradeReport.Outcome.TESTED : GradeReport.Outcome.ENDED_EARLY;
    }

    private static String missingReason(GradeReport.Outcome outcome, HarnessReport report, SandboxRun run,
                                        ExerciseDefinition exercise, int memoryMb) {
        return switch (outcome) {
            case OUT_OF_MEMORY -> "Not finished: the test JVM was killed for using more than " + memoryMb
                    + " MB of memory. Look for data that grows without bound, or threads or processes started without bound.";
            case TIMED_OUT -> "Not finished: the tests did not complete within the time limit of "
                    + exercise.limits().timeSeconds() + " s. Look for a deadlock, an endless loop or a thread that"
                    + " waits for a signal that never comes." + timeoutDetail(report.timeoutMessage());
            case ENDED_EARLY -> "Not run: the test JVM stopped before this test (exit code " + run.exitCode()
                    + "). Does your code call System.exit or Runtime.halt, or crash the JVM?";
            default -> "Not run: no result was reported for this test.";
        };
    }

    /** The harness's timeout message: its first line in brackets, then where the student's threads were. */
    private static String timeoutDetail(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? " (" + message + ")"
                : " (" + message.substring(0, newline) + ")" + message.substring(newline);
    }

    private static String explain(String message) {
        if (message == null) {
            return "The test failed.";
        }
        if (message.contains("unable to create native thread")) {
            return message + "\nHint: your code started more threads than the sandbox allows. Use a bounded pool.";
        }
        if (message.contains("OutOfMemoryError")) {
            return message + "\nHint: your code ran out of heap memory. Look for collections that grow without bound.";
        }
        return message;
    }

    private static String compileSummary(List<CompileError> errors) {
        StringBuilder summary = new StringBuilder("Your code does not compile (" + errors.size()
                + (errors.size() == 1 ? " error" : " errors") + ").");
        errors.stream().limit(3).forEach(e -> summary.append(' ')
                .append(e.file() == null ? "" : e.file() + ":" + e.line() + ": ").append(firstLine(e.message()))
                .append(e.message().endsWith(".") ? "" : "."));
        return summary.toString();
    }

    private static String summary(GradeReport.Outcome outcome, double score, double max,
                                  List<GradeReport.TestVerdict> verdicts, String missingReason) {
        List<GradeReport.TestVerdict> unmeasured = verdicts.stream()
                .filter(v -> v.status() == GradeReport.Status.UNMEASURED).toList();
        String waiting = unmeasured.isEmpty() ? "" : " " + Unmeasured.waitingNote(unmeasured);
        long failed = verdicts.stream().filter(v -> v.status() != GradeReport.Status.PASSED).count() - unmeasured.size();
        String of = points(score) + " of " + points(max);
        StringBuilder summary = new StringBuilder(unmeasured.isEmpty() ? of + " points. " : Unmeasured.pointsSoFar(of) + " ");
        if (failed == 0) {
            return unmeasured.isEmpty() ? summary.append("All ").append(verdicts.size()).append(" tests passed.").toString()
                    : summary.append(Unmeasured.othersPassed(verdicts.size() - unmeasured.size())).append(waiting)
                    .toString().replace("  ", " ");
        }
        if (outcome != GradeReport.Outcome.TESTED) {
            summary.append(firstLine(missingReason)).append(' ');
        }
        summary.append(failed).append(" of ").append(verdicts.size()).append(" tests did not pass");
        verdicts.stream().filter(v -> v.status() == GradeReport.Status.FAILED || v.status() == GradeReport.Status.ABORTED)
                .findFirst()
                .ifPresent(v -> summary.append(", first ").append(v.displayName()).append(": ").append(firstLine(v.message())));
        String text = summary.toString().stripTrailing();
        while (text.endsWith(":") || text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text + "." + waiting;
    }

    private static GradeReport.TestVerdict verdict(ExerciseDefinition.TestSpec spec, GradeReport.Status status, double points,
                                                   String message, String output, long duration) {
        return new GradeReport.TestVerdict(spec.id(), spec.methodName() + "()", status, points, spec.points(),
                spec.visible(), message, output, duration);
    }

    private static Map<String, Long> timings(HarnessReport report, SandboxRun run) {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("warmContainer", run.timings().warm() ? 1L : 0L);
        timings.put("containerCreateMillis", run.timings().createMillis());
        timings.put("containerStartMillis", run.timings().startMillis());
        timings.put("runMillis", run.timings().runMillis());
        if (report.compile() != null) {
            timings.put("compileMillis", report.compile().durationMillis());
        }
        if (report.done()) {
            timings.put("testsMillis", report.testsMillis());
        }
        timings.putAll(report.cpuMillis());
        timings.put("containerRemoveMillis", run.timings().removeMillis());
        return timings;
    }

    private static String studentOutput(SandboxRun run) {
        String output = run.stdout() + (run.stderr().isEmpty() ? "" : run.stderr());
        if (output.length() > OUTPUT_LIMIT) {
            output = output.substring(0, OUTPUT_LIMIT);
        }
        return run.outputTruncated() || output.length() == OUTPUT_LIMIT ? output + "\n[output truncated]" : output;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String points(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
