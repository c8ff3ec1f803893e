package threadmark.harness.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import threadmark.check.Starvation;

/**
 * Turns JUnit's execution events for one top-level test class into {@code test} events (one per test method, sent
 * as soon as the method and all its invocations finished) and {@code container} events for classes that failed.
 */
final class TestEventListener implements TestExecutionListener {
    private final ResultWriter results;
    private final OutputCapture output;
    private final FailureMessages messages;
    private final String testClassName;
    /** Method outcomes by the unique id of the method and of each of its invocations. */
    private final Map<String, MethodOutcome> outcomes = new ConcurrentHashMap<>();
    /** When each method and invocation started, to tell whether a timeout was the host's doing. */
    private final Map<String, Starvation.Mark> starts = new ConcurrentHashMap<>();

    TestEventListener(ResultWriter results, OutputCapture output, FailureMessages messages, String testClassName) {
        this.results = results;
        this.output = output;
        this.messages = messages;
        this.testClassName = testClassName;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        MethodOutcome enclosing = enclosingMethod(identifier);
        if (enclosing != null) {
            outcomes.put(identifier.getUniqueId(), enclosing);
            starts.put(identifier.getUniqueId(), Starvation.mark());
            return;
        }
        Optional<MethodSource> method = methodSource(identifier);
        if (method.isPresent()) {
            starts.put(identifier.getUniqueId(), Starvation.mark());
            outcomes.put(identifier.getUniqueId(),
                    new MethodOutcome(testId(method.get()), identifier.getDisplayName(), identifier.getUniqueId()));
            output.reset();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (enclosingMethod(identifier) != null) {
            return;
        }
        String message = "skipped: " + reason;
        Optional<MethodSource> method = methodSource(identifier);
        if (method.isPresent()) {
            results.emit(Events.test(testId(method.get()), identifier.getDisplayName(), TestStatus.ABORTED, 0,
                    message, ""));
        } else if (identifier.getSource().orElse(null) instanceof ClassSource source) {
            results.emit(Events.container(source.getClassName(), TestStatus.ABORTED, message));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        MethodOutcome outcome = outcomes.remove(identifier.getUniqueId());
        Starvation.Mark start = starts.remove(identifier.getUniqueId());
        if (outcome != null) {
            boolean isMethod = outcome.uniqueId().equals(identifier.getUniqueId());
            String prefix = isMethod ? "" : identifier.getDisplayName() + ": ";
            Optional<String> starved = start != null && timedOut(result) ? Starvation.since(start) : Optional.empty();
            switch (result.getStatus()) {
                case FAILED -> {
                    if (starved.isPresent()) {
                        outcome.aborted(starved.get() + "\n" + prefix + describe(result));
                    } else {
                        outcome.failed(prefix + describe(result));
                    }
                }
                case ABORTED -> outcome.aborted(prefix + describe(result));
                case SUCCESSFUL -> { }
            }
            if (isMethod) {
                emit(outcome);
            }
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            // A class failed as a whole (or the engine did, e.g. on a discovery error): name the class.
            String id = identifier.getSource().orElse(null) instanceof ClassSource source
                    ? source.getClassName() : testClassName;
            results.emit(Events.container(id, TestStatus.FAILED, describe(result)));
        }
    }

    /**
     * Reports the test methods still running as failed by {@code cause}: JUnit gives up on the whole class when a
     * test throws an error it deems unrecoverable, such as an OutOfMemoryError in student code.
     */
    void abandonRunning(Throwable cause) {
        String message = messages.describe(cause);
        outcomes.values().stream().distinct().filter(o -> outcomes.containsKey(o.uniqueId())).toList()
                .forEach(outcome -> {
                    outcome.failed(message);
                    emit(outcome);
                });
        outcomes.clear();
        starts.clear();
    }

    private static boolean timedOut(TestExecutionResult result) {
        return result.getThrowable().map(FailureMessages::isTestTimeout).orElse(false);
    }

    private void emit(MethodOutcome outcome) {
        results.emit(Events.test(outcome.id(), outcome.displayName(), outcome.status(), outcome.durationMillis(),
                outcome.message(), output.takeAndReset()));
    }

    private static String testId(MethodSource method) {
        return method.getClassName() + "#" + method.getMethodName();
    }

    private MethodOutcome enclosingMethod(TestIdentifier identifier) {
        return identifier.getParentId().map(outcomes::get).orElse(null);
    }

    private static Optional<MethodSource> methodSource(TestIdentifier identifier) {
        TestSource source = identifier.getSource().orElse(null);
        return source instanceof MethodSource method ? Optional.of(method) : Optional.empty();
    }

    private String describe(TestExecutionResult result) {
        return result.getThrowable().map(messages::describe).orElse(result.getStatus().name().toLowerCase(Locale.ROOT));
    }
}
