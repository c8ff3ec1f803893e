package threadmark.harness.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;

/**
 * Marks this process as not dumpable ({@code prctl(PR_SET_DUMPABLE, 0)}), which makes the kernel give its
 * {@code /proc/<pid>} files to root. The sandbox user holds no capabilities, so student code in this JVM can then no
 * longer read {@code /proc/self/mem} (the whole address space, signing key included), {@code /proc/self/fd} or
 * {@code /proc/self/environ}, and a child process cannot read them either. Nothing can set the flag back: only an
 * {@code execve} resets it, and student code has no native access to call {@code prctl}.
 */
final class Undumpable {
    private static final int PR_SET_DUMPABLE = 4;
    private static final int PR_GET_DUMPABLE = 3;

    private Undumpable() {
    }

    /**
     * Fails if the flag cannot be set: grading without it would leave the signing key readable. Needs Java 22 or
     * newer and {@code --enable-native-access=threadmark.harness}. The harness compiles for Java 21, where the
     * foreign function API is a preview, hence the calls through reflection.
     */
    static void apply() {
        if (Runtime.version().feature() < 22) {
            throw new IllegalStateException("the harness needs Java 22 or newer to protect its signing key");
        }
        try {
            MethodHandle prctl = prctl();
            int status = (int) prctl.invokeWithArguments(PR_SET_DUMPABLE, 0L);
            int dumpable = (int) prctl.invokeWithArguments(PR_GET_DUMPABLE, 0L);
            if (status != 0 || dumpable != 0) {
                throw new IllegalStateException("prctl(PR_SET_DUMPABLE, 0) returned " + status + ", dumpable is " + dumpable);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make the harness process undumpable: " + e, e);
        }
    }

    /** {@code int prctl(int option, ...)}, called with one variadic {@code long}. */
    private static MethodHandle prctl() throws ReflectiveOperationException {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayouts = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");

        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Object libc = linkerType.getMethod("defaultLookup").invoke(linker);
        Object symbol = ((Optional<?>) lookupType.getMethod("find", String.class).invoke(libc, "prctl"))
                .orElseThrow(() -> new IllegalStateException("no prctl in the C library"));
        Object intLayout = valueLayouts.getField("JAVA_INT").get(null);
        Object longLayout = valueLayouts.getField("JAVA_LONG").get(null);
        Object layouts = Array.newInstance(layoutType, 2);
        Array.set(layouts, 0, intLayout);
        Array.set(layouts, 1, longLayout);
        Object descriptor = descriptorType.getMethod("of", layoutType, layouts.getClass())
                .invoke(null, intLayout, layouts);
        Object options = Array.newInstance(optionType, 1);
        Array.set(options, 0, optionType.getMethod("firstVariadicArg", int.class).invoke(null, 1));
        return (MethodHandle) linkerType.getMethod("downcallHandle", segmentType, descriptorType, options.getClass())
                .invoke(linker, symbol, descriptor, options);
    }
}
