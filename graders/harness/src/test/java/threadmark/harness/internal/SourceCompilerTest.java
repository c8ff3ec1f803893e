package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void manyErrorsAreCappedInCountAndLength() {
        StringBuilder source = new StringBuilder("class Many {\n");
        for (int i = 0; i < 300; i++) {
            source.append("    int e").append(i).append(" = \"not a number\";\n");
        }
        source.append("    int x = ").append("y".repeat(100_000)).append(";\n}\n");
        CompileResult result = compiler.compile(List.of(new SourceFile("Many.java", source.toString())), Set.of());

        assertFalse(result.ok());
        assertEquals(SourceCompiler.MAX_ERRORS + 1, result.errors().size());
        assertEquals(new CompileError(null, null, null,
                "... and at least 80 more errors (too many compiler messages; fix the first ones)"),
                result.errors().getLast());
        assertTrue(result.errors().stream().allMatch(e -> e.message().length() <= SourceCompiler.MAX_MESSAGE_CHARS));
    }

    @Test
    void aLongMessageIsCutAndSaysSo() {
        CompileResult result = compiler.compile(List.of(new SourceFile("Long.java",
                "class Long { int x = " + "y".repeat(100_000) + "; }")), Set.of());

        String message = result.errors().getFirst().message();
        assertEquals(SourceCompiler.MAX_MESSAGE_CHARS, message.length());
        assertTrue(message.startsWith("cannot find symbol") && message.endsWith("[... message truncated: too long]"));
    }

    @Test
    void compilingOverItsBudgetIsACompileFailureThatSaysSo() {
        CompileResult result = compiler.compile(List.of(new SourceFile("Slow.java", slowSource())), Set.of(), 1,
                60_000);

        assertFalse(result.ok());
        assertTrue(result.errors().getFirst().message().startsWith("compiling your code took more than 1 ms of CPU time"),
                result.errors()::toString);
    }

    @Test
    void javacStarvedByABusyHostIsUnmeasuredNotAVerdict() {
        // Still compiling at the first look, after a 1 ms wall limit and far below a quarter of a 600 s budget: the
        // host, not the source, is to blame.
        HostTooBusyException busy = assertThrows(HostTooBusyException.class, () -> compiler.compile(
                List.of(new SourceFile("Slow.java", slowSource())), Set.of(), 600_000, 1));

        assertTrue(busy.getMessage().startsWith("Inconclusive measurement: the machine was too busy to compile"),
                busy::getMessage);
    }

    @Test
    void nestingTooDeepForTheCompilerIsACompileFailureThatSaysSo() {
        CompileResult result = compiler.compile(List.of(new SourceFile("Deep.java",
                "class Deep { void f() " + "{".repeat(50_000) + "}".repeat(50_000) + " }")), Set.of(), 60_000,
                120_000);

        assertFalse(result.ok());
        assertTrue(result.errors().getFirst().message().contains("nests too deeply"), result.errors()::toString);
    }

    /** Thousands of methods: javac, however warm, is still at them at its first look after 50 ms. */
    private static String slowSource() {
        return java.util.stream.IntStream.range(0, 3_000)
                .mapToObj(i -> "int m" + i + "(int x) { return x * " + i + " + 1; }")
                .collect(java.util.stream.Collectors.joining("\n", "class Slow {\n", "\n}"));
    }

    @Test
    void anEmptySubmissionCompiles() {
        assertTrue(compiler.compile(List.of(), Set.of("CounterTest")).ok());
    }
}
