package threadmark.harness.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the student classes and the hidden test classes from bytes, all in one loader so that tests can reach
 * package-private members of student classes. Every class file it is given is defined as the loader is made, before
 * any student code runs, and its bytes are zeroed: hidden code must not wait in memory, undefined, for student code
 * to find it (a heap dump, a read of the process's memory). It serves no resources of its own, so student code
 * cannot read class bytes through {@code getResourceAsStream} either. The
 * reference solution gets a second loader of this kind (with no tests), beside this one, since its class names are
 * the student's.
 */
public final class SubmissionClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> undefined = new ConcurrentHashMap<>();
    private final Map<String, LinkageError> failed = new ConcurrentHashMap<>();

    /**
     * Defines the classes of every map and wipes them: each array is zeroed and each map cleared. Call it before
     * any student class initializes; a class that cannot be defined (say, a test extends a class the student left
     * out) fails with the same error when it is loaded later.
     */
    @SafeVarargs
    public SubmissionClassLoader(ClassLoader parent, Map<String, byte[]>... classFiles) {
        super(parent);
        try {
            for (Map<String, byte[]> files : classFiles) {
                undefined.putAll(files);
            }
            for (String name : List.copyOf(undefined.keySet())) {
                try {
                    loadClass(name, false);
                } catch (ClassNotFoundException e) {
                    // The parent's class of that name won: this loader never serves these bytes.
                } catch (LinkageError e) {
                    failed.put(name, e);
                }
            }
        } finally {
            undefined.values().forEach(SubmissionClassLoader::wipe);
            undefined.clear();
            for (Map<String, byte[]> files : classFiles) {
                files.values().forEach(SubmissionClassLoader::wipe);
                files.clear();
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        LinkageError failure = failed.get(name);
        if (failure != null) {
            throw failure;
        }
        // The per-name loading lock of loadClass makes remove-then-define safe: a name is defined at most once.
        byte[] bytes = undefined.remove(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        try {
            return defineClass(name, bytes, 0, bytes.length);
        } finally {
            wipe(bytes);
        }
    }

    private static void wipe(byte[] bytes) {
        Arrays.fill(bytes, (byte) 0);
    }
}
