package threadmark.exercise;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import threadmark.format.ExerciseFolder;
import threadmark.format.FeedbackTranslator;
import threadmark.grading.ExercisePipeline;
import threadmark.grading.ExerciseValidator;
import threadmark.grading.GradeReport;
import threadmark.grading.SandboxFixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exercise in the catalogue, through the real sandbox: references score 100%, known-bad ones lose points as
 * declared, and every line of feedback a known-bad solution earns reads in Russian too.
 */
@Tag("sandbox")
class ExerciseCatalogueValidationTest {

    @TestFactory
    Stream<DynamicTest> everyExerciseValidates() throws IOException {
        List<Path> folders;
        try (Stream<Path> listing = Files.list(Path.of("exercises"))) {
            folders = listing.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).isNotEmpty();
        ExercisePipeline pipeline = SandboxFixture.pipeline();
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> {
            ExercisePipeline.Compiled compiled = pipeline.compile(folder);
            ExerciseFolder exercise = compiled.exercise();
            List<ExerciseValidator.SolutionCheck> checks = pipeline.validate(compiled).checks();
            FeedbackTranslator russian = FeedbackTranslator.russian(exercise.definition().feedbackRu());
            assertThat(checks).hasSize(exercise.definition().references().size() + exercise.definition().knownBad().size());
            for (ExerciseValidator.SolutionCheck check : checks.stream().filter(ExerciseValidator.SolutionCheck::judged).toList()) {
                GradeReport report = check.report();
                assertThat(check.ok()).as("%s/%s: %s%n%s", exercise.slug(), check.solution(), check.problem(), report.summary()).isTrue();
                for (GradeReport.TestVerdict test : report.tests()) {
                    if (test.status() == GradeReport.Status.FAILED) {
                        assertThat(russian.translate(test.message()).untranslated())
                                .as("%s/%s %s: lines of its message without Russian (feedback-ru in exercise.yaml, or "
                                        + "the library's feedback-ru.yaml); the message:%n%s", exercise.slug(),
                                        check.solution(), test.id(), test.message())
                                .isEmpty();
                    }
                }
            }
            // A host that cannot measure (busy, or two vCPUs on one core) proves nothing either way: say so, do not pass.
            List<String> notJudged = checks.stream().filter(c -> !c.judged())
                    .map(c -> c.solution() + ": " + c.problem()).toList();
            Assumptions.assumeTrue(notJudged.isEmpty(), () -> exercise.slug() + " not fully proven on this machine: " + notJudged);
        }));
    }
}
