package threadmark.check;

import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * CPU time of this whole process, dead threads included, in nanoseconds ({@code clock_gettime(
 * CLOCK_PROCESS_CPUTIME_ID)}). It replaces {@code com.sun.management.OperatingSystemMXBean}, so that the sandbox
 * runtime can leave out the {@code jdk.management} module and with it the heap-dump and diagnostic-command beans that
 * student code could otherwise call. The foreign function API is final from Java 22; the harness compiles for 21,
 * hence the calls through reflection, resolved once.
 <p>
 * Example:
 * <pre>{@code
 * long before = ProcessCpu.nanos();
 * Solver.solve(input, 4);
 * long cpuNanos = ProcessCpu.nanos() - before;
 * }</pre>
 */
public final class ProcessCpu {
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    private static final Clock CLOCK = Clock.link();

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU the process has used so far; -1 where the clock cannot be read. */
    public static long nanos() {
        return CLOCK == null ? -1 : CLOCK.read();
    }

    private record Clock(MethodHandle clockGettime, Object timespec, Object longLayout, MethodHandle getLong) {
        /** Null when the native call cannot be linked (no native access, Java 21): callers then report no CPU figures. */
        static Clock link() {
            try {
                Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
                Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> valueLayouts = Class.forName("java.lang.foreign.ValueLayout");
                Class<?> longLayoutType = Class.forName("java.lang.foreign.ValueLayout$OfLong");
                Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
                Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
                Class<?> arenaType = Class.forName("java.lang.foreign.Arena");

                Object linker = linkerType.getMethod("nativeLinker").invoke(null);
                Object libc = linkerType.getMethod("defaultLookup").invoke(linker);
                Object symbol = ((Optional<?>) lookupType.getMethod("find", String.class).invoke(libc, "clock_gettime"))
                        .orElseThrow(() -> new IllegalStateException("no clock_gettime in the C library"));
                Object intLayout = valueLayouts.getField("JAVA_INT").get(null);
                Object longLayout = valueLayouts.getField("JAVA_LONG").get(null);
                Object pointerLayout = valueLayouts.getField("ADDRESS").get(null);
                Object arguments = java.lang.reflect.Array.newInstance(layoutType, 2);
                java.lang.reflect.Array.set(arguments, 0, intLayout);
                java.lang.reflect.Array.set(arguments, 1, pointerLayout);
                Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass())
                        .invoke(null, intLayout, arguments);
                Object noOptions = java.lang.reflect.Array.newInstance(optionType, 0);
                MethodHandle call = (MethodHandle) linkerType
                        .getMethod("downcallHandle", segmentType, descriptorType, noOptions.getClass())
                        .invoke(linker, symbol, descriptor, noOptions);
                // One struct timespec for the life of the process; reads are synchronized on the clock.
                Object arena = arenaType.getMethod("global").invoke(null);
                Object timespec = arenaType.getMethod("allocate", long.class).invoke(arena, 16L);
                MethodHandle getLong = java.lang.invoke.MethodHandles.publicLookup().unreflect(
                        segmentType.getMethod("get", longLayoutType, long.class));
                Clock clock = new Clock(call, timespec, longLayout, getLong);
                return clock.read() >= 0 ? clock : null;
            } catch (Throwable e) {
                return null;
            }
        }

        synchronized long read() {
            try {
                int status = (int) clockGettime.invoke(CLOCK_PROCESS_CPUTIME_ID, timespec);
                if (status != 0) {
                    return -1;
                }
                long seconds = (long) getLong.invoke(timespec, longLayout, 0L);
                long nanos = (long) getLong.invoke(timespec, longLayout, 8L);
                return seconds * 1_000_000_000L + nanos;
            } catch (Throwable e) {
                return -1;
            }
        }
    }
}
