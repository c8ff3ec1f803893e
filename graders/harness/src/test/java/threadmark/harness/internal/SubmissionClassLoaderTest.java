package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubmissionClassLoaderTest {
    private static final String COUNTER = "public class Counter { public int get() { return 1; } }";
    private static final String SECRET_TEST = """
            class SecretTest {
                static String answer() {
                    return Oracle.secret() + new Counter().get();
                }

                static final class Oracle {
                    static String secret() {
                        return "oracle-secret";
                    }
                }
            }
            """;

    /** The hidden test's bytes must not wait, undefined, for student code to find them in a heap dump. */
    @Test
    void definesEveryClassFileBeforeAnyIsUsedAndZeroesItsBytes() throws Exception {
        Map<String, byte[]> student = compile(Map.of("Counter.java", COUNTER));
        Map<String, byte[]> tests = compile(Map.of("SecretTest.java", SECRET_TEST, "Counter.java", COUNTER));
        tests.remove("Counter");
        List<byte[]> arrays = new ArrayList<>(student.values());
        arrays.addAll(tests.values());

        SubmissionClassLoader loader = new SubmissionClassLoader(getClass().getClassLoader(), student, tests);

        assertTrue(student.isEmpty() && tests.isEmpty(), "the loader empties the maps it was given");
        for (byte[] bytes : arrays) {
            for (byte b : bytes) {
                assertEquals(0, b, "every class file is zeroed once defined, the nested class's included");
            }
        }
        Class<?> test = Class.forName("SecretTest", true, loader);
        var answer = test.getDeclaredMethod("answer");
        answer.setAccessible(true);
        assertEquals("oracle-secret1", answer.invoke(null));
        assertEquals(loader, Class.forName("SecretTest$Oracle", false, loader).getClassLoader());
    }

    @Test
    void aClassThatCannotBeDefinedFailsWhenItIsLoadedLater() {
        Map<String, byte[]> tests = compile(Map.of("ExtendsCounter.java", "class ExtendsCounter extends Counter { }",
                "Counter.java", COUNTER));
        tests.remove("Counter");

        SubmissionClassLoader loader = new SubmissionClassLoader(getClass().getClassLoader(), new HashMap<>(), tests);

        NoClassDefFoundError error = assertThrows(NoClassDefFoundError.class,
                () -> Class.forName("ExtendsCounter", false, loader));
        assertTrue(error.getMessage().contains("Counter"), error.getMessage());
        assertThrows(ClassNotFoundException.class, () -> Class.forName("Nowhere", false, loader));
    }

    private static Map<String, byte[]> compile(Map<String, String> sources) {
        CompileResult result = new SourceCompiler().compile(
                sources.entrySet().stream().map(e -> new SourceFile(e.getKey(), e.getValue())).toList(), Set.of());
        assertTrue(result.ok(), result.errors().toString());
        return new HashMap<>(result.classFiles());
    }
}
