package threadmark.harness.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the hidden test classes, one at a time, on the JUnit Platform and reports their results. */
public final class TestRunner {
    private final ResultWriter results;
    private final OutputCapture output;
    private final FailureMessages messages;
    private final ClassLoader loader;
    private final Map<String, String> configuration;

    public TestRunner(ResultWriter results, OutputCapture output, FailureMessages messages, ClassLoader loader,
            int testTimeoutMillis) {
        this.results = results;
        this.output = output;
        this.messages = messages;
        this.loader = loader;
        // SEPARATE_THREAD lets the runner give up on a test that ignores interrupts and move on to the next one.
        this.configuration = Map.of(
                "junit.jupiter.execution.timeout.default", testTimeoutMillis + " ms",
                "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD",
                "junit.jupiter.execution.parallel.enabled", "false",
                "junit.jupiter.extensions.autodetection.enabled", "false");
    }

    /** A launcher as grading uses it: listeners and filters found on the module path take no part; engines are found. */
    static Launcher newLauncher() {
        return LauncherFactory.create(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
    }

    /** What the launcher is asked for one test class. */
    static LauncherDiscoveryRequest request(Class<?> testClass, Map<String, String> configuration) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(configuration)
                .build();
    }

    public void runAll(List<String> testClassNames) {
        Launcher launcher = newLauncher();
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            for (String name : testClassNames) {
                run(launcher, name);
            }
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private void run(Launcher launcher, String testClassName) {
        Class<?> testClass;
        try {
            testClass = Class.forName(testClassName, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            results.emit(Events.container(testClassName, TestStatus.FAILED, messages.describe(e)));
            return;
        }
        LauncherDiscoveryRequest request = request(testClass, configuration);
        TestEventListener listener = new TestEventListener(results, output, messages, testClassName);
        try {
            launcher.execute(LauncherExecutionRequestBuilder.request(request).listeners(listener).build());
        } catch (RuntimeException | Error e) {
            listener.abandonRunning(e);
            results.emit(Events.container(testClassName, TestStatus.FAILED,
                    messages.describe(e) + "\n(the remaining tests of this class did not run)"));
        }
    }
}
