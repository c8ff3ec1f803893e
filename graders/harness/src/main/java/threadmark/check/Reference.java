package threadmark.check;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import threadmark.harness.internal.HiddenClasses;

/**
 * A static method of the exercise's reference solution (its first one, shipped hidden in the job like the tests),
 * for hidden tests to measure the student's code against on the same cores in the same rounds ({@link Speedup}).
 * The reference's classes have the student's class names and live in a class loader of their own.
 * <p>
 * Only the check library can call it, and it never hands out what the reference returned: a student's class that got
 * hold of a {@code Reference} cannot make the reference do its work. Creating one is also refused unless the caller
 * is one of the job's test classes and no student code is on the calling thread's stack.
 <p>
 * Example: the reference solution's {@code PrimeCounter.countPrimes(long, long, int)}, called with arguments made from
 * each input (see {@link Speedup}):
 * <pre>{@code
 * Reference<Range> reference = Reference.staticMethod(
 *         (range, threads) -> new Object[] {range.from(), range.to(), threads},
 *         "PrimeCounter", "countPrimes", long.class, long.class, int.class);
 * }</pre>
 */
public final class Reference<I> {

    /** The arguments of one call for an input and a number of threads. */
    @FunctionalInterface
    public interface Arguments<I> {
        /** The arguments of the reference method for {@code input} and a number of threads, in its order. */
        Object[] of(I input, int threads);
    }

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Method method;
    private final Arguments<I> arguments;
    private final String name;

    private Reference(Method method, Arguments<I> arguments, String name) {
        this.method = method;
        this.arguments = arguments;
        this.name = name;
    }

    /**
     * The reference solution's {@code className.methodName(parameterTypes)}, called with {@code arguments}. Fails the
     * test if the job brought no reference solution or the method is missing.
     */
    public static <I> Reference<I> staticMethod(Arguments<I> arguments, String className, String methodName,
            Class<?>... parameterTypes) {
        Class<?> caller = STACK.getCallerClass();
        if (!HiddenClasses.installed()) {
            // An author's IDE: the tests run against the reference solution on the class path, so the "student" and
            // the reference are the same code.
            return of(caller.getClassLoader(), arguments, className, methodName, parameterTypes);
        }
        if (!HiddenClasses.isTestClass(caller) || studentCodeOnStack()) {
            throw new SecurityException("only the exercise's hidden tests may use the reference solution");
        }
        return of(HiddenClasses.referenceLoader(), arguments, className, methodName, parameterTypes);
    }

    private static <I> Reference<I> of(ClassLoader loader, Arguments<I> arguments, String className, String methodName,
            Class<?>... parameterTypes) {
        if (loader == null) {
            throw new IllegalStateException("this grading job carries no reference solution");
        }
        try {
            Method method = Class.forName(className, true, loader).getDeclaredMethod(methodName, parameterTypes);
            if (!Modifier.isStatic(method.getModifiers())) {
                throw new IllegalArgumentException(className + "." + methodName + " is not static");
            }
            method.setAccessible(true);
            return new Reference<>(method, arguments, className + "." + methodName);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the reference solution has no " + className + "." + methodName
                    + Arrays.toString(parameterTypes) + ": " + e, e);
        }
    }

    /** Runs the reference on {@code input} with {@code threads} threads; for the check library only. */
    Object run(I input, int threads) throws Exception {
        try {
            return method.invoke(null, arguments.of(input, threads));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "the reference solution's " + name;
    }

    private static boolean studentCodeOnStack() {
        return STACK.walk(frames -> frames.anyMatch(frame -> HiddenClasses.isStudentClass(frame.getDeclaringClass())));
    }
}
