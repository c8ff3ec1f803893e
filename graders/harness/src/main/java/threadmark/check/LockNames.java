package threadmark.check;

import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import threadmark.harness.internal.HiddenClasses;

/**
 * Names the locks that threads hold and wait for by where the test's work reaches them, e.g. {@code the lock of
 * bank.accounts[1] (Account)} or {@code bank.lock (ReentrantLock)}, instead of {@code Account@1b6d3586}.
 * <p>
 * The names come from a walk over the objects the work captured (the fields of lambdas, of the student's and the
 * test's objects, arrays, common JDK collections) and the static fields of the classes on the threads' stacks. The
 * walk only reads fields: it calls no student method and takes no lock (a synchronized collection is not entered;
 * its owner may be one of the deadlocked threads), and it is bounded in objects, depth and time. A lock it does not
 * reach keeps its class and identity. No student method runs: only exact JDK classes are asked anything (a subclass
 * could override {@code toString}, {@code hashCode} or {@code toArray} with a wait of its own).
 */
final class LockNames {

    private static final int MAX_OBJECTS = 20_000;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_ELEMENTS = 1_000;
    private static final long MAX_NANOS = 200_000_000L;
    /** JDK collections whose {@code toArray} and iteration take no lock (unlike Vector or the synchronized views). */
    private static final Set<String> PLAIN_COLLECTIONS = Set.of("java.util.ArrayList", "java.util.LinkedList",
            "java.util.Arrays$ArrayList", "java.util.ArrayDeque", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.TreeSet", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$SubList", "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque");
    private static final Set<String> PLAIN_MAPS = Set.of("java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentSkipListMap");

    private static final LockNames NONE = new LockNames();

    /** Paths by identity hash code; a hash may be shared, so each path keeps its object's class. */
    private final Map<Integer, List<Named>> byIdentity = new HashMap<>();
    /** Explicit locks reached, to match the synchronizer inside them, which the JDK does not let us read. */
    private final List<Named> explicitLocks = new ArrayList<>();
    private final Map<Long, Thread> threads = new HashMap<>();

    private record Named(Object object, String path) {
    }

    private LockNames() {
    }

    /** Names nothing: every lock keeps its class and identity. */
    static LockNames none() {
        return NONE;
    }

    /**
     * Walks from {@code roots} (e.g. the tasks the threads run) and from the static fields of the classes on the
     * stacks of {@code threads}. Never throws: whatever the walk cannot read stays unnamed.
     */
    static LockNames reachableFrom(Collection<?> roots, Collection<Thread> threads) {
        LockNames names = new LockNames();
        try {
            threads.forEach(thread -> names.threads.put(thread.threadId(), thread));
            names.walk(roots, threads);
        } catch (Throwable unreadable) {
            // What was named before the failure is kept.
        }
        return names;
    }

    /** The lock a thread waits for or holds, e.g. {@code the lock of bank.accounts[1] (Account)}. */
    String of(LockInfo lock, long waiterId) {
        if (lock == null) {
            return "nothing";
        }
        Named named = byIdentity(lock);
        if (named == null) {
            named = explicitLockWaitedFor(lock, threads.get(waiterId));
        }
        return named == null ? ThreadStates.lock(lock) : describe(named);
    }

    /** The locks a thread holds, joined with " and ", or "no lock". */
    String heldBy(ThreadInfo info) {
        List<String> locks = new ArrayList<>();
        for (LockInfo monitor : info.getLockedMonitors()) {
            locks.add(of(monitor, -1));
        }
        List<Named> owned = new ArrayList<>(explicitLocksOwnedBy(info.getThreadName()));
        for (LockInfo synchronizer : info.getLockedSynchronizers()) {
            Named named = byIdentity(synchronizer);
            if (named == null && isExplicitLockSync(synchronizer) && !owned.isEmpty()) {
                named = owned.removeFirst();
            }
            locks.add(named == null ? ThreadStates.lock(synchronizer) : describe(named));
        }
        return locks.isEmpty() ? "no lock" : String.join(" and ", locks);
    }

    private static String describe(Named named) {
        Class<?> type = named.object().getClass();
        String simple = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        if (named.object() instanceof ReentrantLock || named.object() instanceof ReentrantReadWriteLock) {
            return named.path() + " (" + simple + ")";
        }
        if (type.getName().endsWith("$ConditionObject")) {
            return named.path() + " (Condition)";
        }
        return "the lock of " + named.path() + " (" + simple + ")";
    }

    private Named byIdentity(LockInfo lock) {
        for (Named named : byIdentity.getOrDefault(lock.getIdentityHashCode(), List.of())) {
            if (named.object().getClass().getName().equals(lock.getClassName())) {
                return named;
            }
        }
        return null;
    }

    private static boolean isExplicitLockSync(LockInfo lock) {
        return lock.getClassName().startsWith("java.util.concurrent.locks.ReentrantLock$")
                || lock.getClassName().startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$");
    }

    private Named explicitLockWaitedFor(LockInfo lock, Thread waiter) {
        if (waiter == null || !isExplicitLockSync(lock)) {
            return null;
        }
        Named found = null;
        for (Named named : explicitLocks) {
            boolean queued = named.object() instanceof ReentrantLock reentrant ? reentrant.hasQueuedThread(waiter)
                    : ((ReentrantReadWriteLock) named.object()).hasQueuedThread(waiter);
            if (queued) {
                if (found != null) {
                    return null;
                }
                found = named;
            }
        }
        return found;
    }

    /**
     * ReentrantLock's {@code toString} names its owner ("[Locked by thread worker-1]"): it reads, never locks. Only
     * the JDK's own class is listed, so no overridden method of the student's runs here.
     */
    private List<Named> explicitLocksOwnedBy(String threadName) {
        List<Named> owned = new ArrayList<>();
        for (Named named : explicitLocks) {
            if (named.object() instanceof ReentrantLock reentrant
                    && reentrant.toString().endsWith("[Locked by thread " + threadName + "]")) {
                owned.add(named);
            }
        }
        return owned;
    }

    // ---- the walk

    private record Step(Object object, String path, int depth) {
    }

    private final ArrayDeque<Step> queue = new ArrayDeque<>();
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    private final Set<Class<?>> staticsWalked = new HashSet<>();

    private void walk(Collection<?> roots, Collection<Thread> threads) {
        long deadline = System.nanoTime() + MAX_NANOS;
        for (Object root : roots) {
            offer(root, "", 0);
        }
        for (Thread thread : threads) {
            for (StackTraceElement frame : thread.getStackTrace()) {
                Class<?> type = load(frame.getClassName());
                if (type != null) {
                    offerStatics(type, 0);
                }
            }
        }
        while (!queue.isEmpty() && seen.size() < MAX_OBJECTS && System.nanoTime() < deadline) {
            Step step = queue.poll();
            try {
                visit(step);
            } catch (RuntimeException | LinkageError unreadable) {
                // A field or element we may not read: the rest of the walk goes on.
            }
        }
    }

    private void offer(Object value, String path, int depth) {
        if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (!path.isEmpty()) {
            byIdentity.computeIfAbsent(System.identityHashCode(value), hash -> new ArrayList<>(1))
                    .add(new Named(value, path));
            if (value.getClass() == ReentrantLock.class || value.getClass() == ReentrantReadWriteLock.class) {
                explicitLocks.add(new Named(value, path));
            }
        }
        queue.add(new Step(value, path, depth));
    }

    private void visit(Step step) {
        Object object = step.object();
        Class<?> type = object.getClass();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                Object[] elements = (Object[]) object;
                String base = step.path().isEmpty() ? decapitalize(type.getComponentType()) + "s" : step.path();
                for (int i = 0; i < Math.min(elements.length, MAX_ELEMENTS); i++) {
                    offer(elements[i], base + "[" + i + "]", step.depth() + 1);
                }
            }
            return;
        }
        String typeName = type.getName();
        if (PLAIN_COLLECTIONS.contains(typeName)) {
            Object[] elements = ((Collection<?>) object).toArray();
            boolean indexed = object instanceof List;
            for (int i = 0; i < Math.min(elements.length, MAX_ELEMENTS); i++) {
                offer(elements[i], indexed ? step.path() + ".get(" + i + ")" : "an element of " + step.path(),
                        step.depth() + 1);
            }
            return;
        }
        if (PLAIN_MAPS.contains(typeName)) {
            Object[] entries = ((Map<?, ?>) object).entrySet().toArray();
            for (int i = 0; i < Math.min(entries.length, MAX_ELEMENTS); i++) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) entries[i];
                offer(entry.getValue(), step.path() + ".get(" + key(entry.getKey()) + ")", step.depth() + 1);
            }
            return;
        }
        if (!walksInto(type)) {
            return;
        }
        boolean transparent = isTransparent(type, step.path());
        offerStatics(type, step.depth());
        List<Field> fields = instanceFields(type);
        for (Field field : fields) {
            Object value = read(field, object);
            if (value != null) {
                offer(value, childPath(step.path(), transparent, field, value, fields), step.depth() + 1);
            }
        }
    }

    /** Lambdas, the student's and the test's classes: never the JDK's internals or the harness's own objects. */
    private static boolean walksInto(Class<?> type) {
        if (type.isHidden()) {
            return true;
        }
        Module module = type.getModule();
        return !module.isNamed();
    }

    /** An object that adds no word to a path: a lambda, or the test instance (its fields read as plain names). */
    private static boolean isTransparent(Class<?> type, String path) {
        return path.isEmpty() || type.isHidden() || isTest(type);
    }

    private static boolean isTest(Class<?> type) {
        return HiddenClasses.isTestClass(type) || type.getName().endsWith("Test");
    }

    private void offerStatics(Class<?> type, int depth) {
        for (Class<?> c = type; c != null && !c.getModule().isNamed(); c = c.getSuperclass()) {
            if (!staticsWalked.add(c) || c.isHidden()) {
                continue;
            }
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
                        && !field.isSynthetic()) {
                    Object value = read(field, null);
                    String path = isTest(c) ? field.getName() : simpleName(c) + "." + field.getName();
                    offer(value, path, depth + 1);
                }
            }
        }
    }

    private static List<Field> instanceFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && (c.isHidden() || !c.getModule().isNamed()); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (RuntimeException | IllegalAccessException unreadable) {
            return null;
        }
    }

    /**
     * A field's place in a path. A lambda's captured values have no names ({@code arg$1}), so they are named by
     * their type ({@code bank}, or {@code account1}, {@code account2} when a lambda captured two of a type); an
     * anonymous class's captured {@code val$bank} is {@code bank}; an inner object's outer instance adds nothing.
     */
    private static String childPath(String path, boolean transparent, Field field, Object value, List<Field> fields) {
        String name = field.getName();
        if (name.startsWith("this$")) {
            return path;
        }
        if (name.startsWith("val$")) {
            name = name.substring(4);
        } else if (field.getDeclaringClass().isHidden() || name.startsWith("arg$")) {
            if (value.getClass().isHidden()) {
                return path;
            }
            name = decapitalize(value.getClass());
            long sameType = fields.stream().filter(f -> f.getType() == field.getType()).count();
            if (sameType > 1) {
                name += fields.stream().filter(f -> f.getType() == field.getType()).toList().indexOf(field) + 1;
            }
        }
        return transparent ? name : path + "." + name;
    }

    private static String key(Object key) {
        if (key instanceof String text) {
            return '"' + text + '"';
        }
        if (key instanceof Enum<?> constant) {
            return constant.getDeclaringClass().getSimpleName() + "." + constant.name();
        }
        if (key instanceof Integer || key instanceof Long || key instanceof Short || key instanceof Byte
                || key instanceof Boolean) {
            return String.valueOf(key);
        }
        if (key instanceof Character character) {
            return "'" + character + "'";
        }
        return "…";
    }

    private static String decapitalize(Class<?> type) {
        String name = simpleName(type);
        return name.isEmpty() ? "object" : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String simpleName(Class<?> type) {
        if (type.isArray()) {
            return simpleName(type.getComponentType()) + "s";
        }
        return type.getSimpleName().isEmpty() ? "object" : type.getSimpleName();
    }

    /**
     * A class on a thread's stack, by the submission's loader (the system loader outside the harness, in unit
     * tests). Never a thread's context loader: student code may set one that runs its own code.
     */
    static Class<?> load(String name) {
        ClassLoader loader = HiddenClasses.submissionLoader();
        try {
            return Class.forName(name, false, loader == null ? ClassLoader.getSystemClassLoader() : loader);
        } catch (ClassNotFoundException | LinkageError | RuntimeException notThere) {
            return null;
        }
    }
}
