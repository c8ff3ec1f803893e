package threadmark.harness.internal;

import java.util.List;

/**
 * Refuses to grade on a runtime whose boot layer would hand student code the JVM's own insides: heap dumps and
 * diagnostic commands ({@code jdk.management}: {@code HotSpotDiagnosticMXBean}, the {@code DiagnosticCommand} MBean
 * behind jcmd), flight recordings, agents and attach, the serviceability agent, {@code sun.misc.Unsafe}. Each of
 * them reads the hidden tests' code or the signing key out of memory. The sandbox image leaves them out of its
 * runtime; on a full JDK, {@code --limit-modules} must keep them out of the boot layer (java.management, whose
 * ThreadMXBean the checks use, binds jdk.management as a service provider whenever it can be found).
 */
final class ClosedRuntime {
    static final List<String> FORBIDDEN_MODULES = List.of("jdk.management", "jdk.management.agent",
            "jdk.management.jfr", "jdk.jfr", "jdk.attach", "java.instrument", "jdk.hotspot.agent", "jdk.jcmd",
            "jdk.jdi", "jdk.jdwp.agent", "jdk.unsupported", "jdk.internal.vm.ci");

    private ClosedRuntime() {
    }

    static void verify() {
        List<String> present = FORBIDDEN_MODULES.stream()
                .filter(name -> ModuleLayer.boot().findModule(name).isPresent())
                .toList();
        if (!present.isEmpty()) {
            throw new IllegalStateException("the runtime would give student code " + String.join(", ", present)
                    + " (heap dumps, recordings, agents or attach): grade on the sandbox image's runtime, or start"
                    + " the harness with --limit-modules");
        }
    }
}
