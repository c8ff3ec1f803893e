package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceCompilerTest {
    private final SourceCompiler compiler = new SourceCompiler();

    @Test
    void compilesEveryClassIncludingNestedOnes() {
        CompileResult result = compiler.compile(List.of(
                new SourceFile("shop/Counter.java", "package shop;\npublic class Counter { class Inner {} }\n"),
                new SourceFile("Main.java", "class Main { Runnable r = new Runnable() { public void run() {} }; }")),
                Set.of("CounterTest"));

        assertTrue(result.ok(), result::toString);
        assertEquals(Set.of("shop.Counter", "shop.Counter$Inner", "Main", "Main$1"), result.classFiles().keySet());
        assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE},
                java.util.Arrays.copyOf(result.classFiles().get("Main"), 2));
    }

    @Test
    void reportsErrorsWithFileLineColumnAndMessageOnly() {
        CompileResult result = compiler.compile(List.of(
                new SourceFile("Counter.java", "public class Counter {\n    int get() { return missing; }\n}\n")),
                Set.of());

        assertFalse(result.ok());
        assertEquals(List.of(new CompileError("Counter.java", 2L, 24L,
                "cannot find symbol\n  symbol:   variable missing\n  location: class Counter")), result.errors());
        assertTrue(result.classFiles().isEmpty());
    }

    @Test
    void usesNothingButTheJdkOnTheClassPath() {
        CompileResult result = compiler.compile(List.of(
                new SourceFile("Sneaky.java", "class Sneaky { org.junit.jupiter.api.Test t; }")), Set.of());

        assertFalse(result.ok());
        assertTrue(result.errors().get(0).message().contains("does not exist"), result.errors()::toString);
    }

    @Test
    void rejectsClassesNamedLikeTestClassesEvenNestedOnes() {
        CompileResult result = compiler.compile(List.of(
                new SourceFile("Counter.java", "class Counter {}\n\nclass CounterTest {}\n"),
                new SourceFile("Other.java", "class Other { Object o = new Object() {}; }")),
                Set.of("CounterTest", "Other$1"));

        assertFalse(result.ok());
        assertEquals(List.of(
                new CompileError("Counter.java", 3L, 7L,
                        "class CounterTest has the same name as a class of the tests; rename it"),
                new CompileError("Other.java", null, null,
                        "class Other$1 has the same name as a class of the tests; rename it")),
                result.errors());
    }

    @Test
    void anEmptySubmissionCompiles() {
        assertTrue(compiler.compile(List.of(), Set.of("CounterTest")).ok());
    }
}
