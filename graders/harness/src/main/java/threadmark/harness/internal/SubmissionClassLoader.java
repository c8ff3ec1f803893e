package threadmark.harness.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the student classes and the hidden test classes from bytes, all in one loader so that tests can reach
 * package-private members of student classes. It serves no resources of its own: student code must not read the
 * test class bytes through {@code getResourceAsStream}, and each class's bytes are dropped once it is defined. The
 * reference solution gets a second loader of this kind (with no tests), beside this one, since its class names are
 * the student's.
 */
public final class SubmissionClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> undefined = new ConcurrentHashMap<>();

    /** Takes over both maps: their entries move into this loader and the maps are cleared. */
    public SubmissionClassLoader(Map<String, byte[]> studentClasses, Map<String, byte[]> testClasses,
            ClassLoader parent) {
        super(parent);
        undefined.putAll(studentClasses);
        undefined.putAll(testClasses);
        studentClasses.clear();
        testClasses.clear();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        // The per-name loading lock of loadClass makes remove-then-define safe: a name is defined at most once.
        byte[] bytes = undefined.remove(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
