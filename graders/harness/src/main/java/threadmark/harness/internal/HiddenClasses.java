package threadmark.harness.internal;

import java.util.Set;

/**
 * What the check library must know about the classes the job brought, set by the harness before any student class
 * is loaded: which classes are the hidden tests (the only callers allowed to name the reference solution) and the
 * loader that holds the reference solution. Not exported, so student code can neither read nor replace it.
 */
public final class HiddenClasses {
    private static volatile ClassLoader tests;
    private static volatile Set<String> testClassNames = Set.of();
    private static volatile ClassLoader reference;

    private HiddenClasses() {
    }

    static void install(ClassLoader testLoader, Set<String> testNames, ClassLoader referenceLoader) {
        tests = testLoader;
        testClassNames = Set.copyOf(testNames);
        reference = referenceLoader;
    }

    /**
     * False on a plain JVM (an author running an exercise's tests in an IDE against its reference solution): the
     * harness installs this before any student class is loaded, so inside the sandbox it is always true.
     */
    public static boolean installed() {
        return tests != null;
    }

    /** True for a class the job declared as a test class, defined by the loader that holds the tests. */
    public static boolean isTestClass(Class<?> type) {
        return tests != null && type.getClassLoader() == tests && testClassNames.contains(type.getName());
    }

    /** True for a class of the submission loader that is not a test: the student's code. */
    public static boolean isStudentClass(Class<?> type) {
        return tests != null && type.getClassLoader() == tests && !testClassNames.contains(type.getName());
    }

    /** The loader of the student's classes and the tests, or null before the job's classes are loaded. */
    public static ClassLoader submissionLoader() {
        return tests;
    }

    /** The reference solution's loader, or null when the job brought none. */
    public static ClassLoader referenceLoader() {
        return reference;
    }
}
