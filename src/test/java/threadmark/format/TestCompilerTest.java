package threadmark.format;

import org.junit.jupiter.api.Test;
import threadmark.sandbox.HarnessBundle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestCompilerTest {

    @Test
    void theReferenceSolutionTravelsBesideTheTestsWithoutDebugInformation() {
        ExerciseFolder primes = new ExerciseFolderReader().read(Path.of("exercises/parallel-primes"));
        Map<String, byte[]> compiled = new TestCompiler(HarnessBundle.fromClasspath()).compile(primes);

        assertThat(TestBundle.tests(compiled)).containsOnlyKeys("PrimeCounterBasicsTest", "PrimeCounterTest",
                "PrimeCounterTest$Range");
        Map<String, byte[]> reference = TestBundle.reference(compiled);
        assertThat(reference).containsKey("PrimeCounter");
        // No source file name, line numbers or local variable names for a student to read back.
        String constants = new String(reference.get("PrimeCounter"), StandardCharsets.ISO_8859_1);
        assertThat(constants).doesNotContain("LineNumberTable", "SourceFile", "LocalVariableTable");
        assertThat(TestBundle.unpack(TestBundle.pack(compiled))).containsOnlyKeys(compiled.keySet());
    }
}
