package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {
    private final FailureMessages messages = new FailureMessages(Set.of("Counter", "Counter$Inner"));

    private static StackTraceElement frame(String className, String method, String file, int line) {
        return new StackTraceElement(className, method, file, line);
    }

    @Test
    void namesTheExceptionAndAppendsOnlyStudentFrames() {
        IllegalStateException failure = new IllegalStateException("negative count");
        failure.setStackTrace(new StackTraceElement[] {
            frame("java.util.Objects", "requireNonNull", "Objects.java", 1),
            frame("Counter", "increment", "Counter.java", 9),
            frame("Counter$Inner", "run", "Counter.java", 20),
            frame("CounterTest", "increments", "CounterTest.java", 12),
            frame("org.junit.platform.Foo", "bar", "Foo.java", 3),
        });

        assertEquals("IllegalStateException: negative count\n  at Counter.increment(Counter.java:9)"
                + "\n  at Counter$Inner.run(Counter.java:20)", messages.describe(failure));
    }

    @Test
    void showsCausesAndFramesFromTheFirstCauseThatHasThem() {
        ArithmeticException cause = new ArithmeticException("/ by zero");
        cause.setStackTrace(new StackTraceElement[] {frame("Counter", "<clinit>", "Counter.java", 3)});
        ExceptionInInitializerError failure = new ExceptionInInitializerError(cause);
        failure.setStackTrace(new StackTraceElement[0]);

        assertEquals("ExceptionInInitializerError\ncaused by ArithmeticException: / by zero"
                + "\n  at Counter.<clinit>(Counter.java:3)", messages.describe(failure));
    }

    @Test
    void explainsLinkageErrorsOnStudentClassesInPlainWords() {
        assertEquals("NoSuchMethodError: your class Counter lacks the method 'void Counter.add(int)' with exactly"
                        + " this signature (name, parameter types, return type, static or not)",
                messages.headline(new NoSuchMethodError("'void Counter.add(int)'")));
        assertEquals("NoSuchMethodError: 'void java.util.List.frobnicate()'",
                messages.headline(new NoSuchMethodError("'void java.util.List.frobnicate()'")));
        assertEquals("NoSuchFieldError: your class Counter lacks the field 'int value' with exactly this type"
                        + " (and static or not)",
                messages.headline(new NoSuchFieldError("Class Counter does not have member field 'int value'")));
        assertEquals("NoClassDefFoundError: your code lacks the class shop.Basket (check its exact name and package)",
                messages.headline(new NoClassDefFoundError("shop/Basket")));
        assertEquals("NoClassDefFoundError: the class java.sql.Timestamp is not available when grading",
                messages.headline(new NoClassDefFoundError("java/sql/Timestamp")));
        assertTrue(messages.headline(new NoClassDefFoundError("Could not initialize class Counter"))
                .endsWith("(its static initializer failed earlier)"));
        assertTrue(messages.headline(new AbstractMethodError("Receiver class Counter does not define run()"))
                .startsWith("AbstractMethodError: your class lacks an implementation"));
    }

    @Test
    void survivesHostileExceptionsAndCapsLongMessages() {
        RuntimeException hostile = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no message for you");
            }
        };
        assertTrue(messages.describe(hostile).startsWith("threadmark.harness.internal.FailureMessagesTest$"));

        String text = messages.describe(new AssertionError("z".repeat(10_000)));
        assertEquals(FailureMessages.MAX_CHARS, text.length());
        assertTrue(text.endsWith("[... truncated]"));
    }

    @Test
    void ownerOfMemberHandlesQualifiedAndNestedNames() {
        assertEquals("shop.Counter$Inner", FailureMessages.ownerOfMember("'int shop.Counter$Inner.get()'"));
        assertEquals("Counter", FailureMessages.ownerOfMember("'void Counter.set(java.lang.String, int[])'"));
    }
}
