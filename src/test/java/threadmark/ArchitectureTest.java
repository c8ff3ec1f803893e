package threadmark;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package graph reads top-down (README, "Architecture"): pages and APIs that compose features on top, the
 * features below them, shared web plumbing below those, and the grading core at the bottom, free of entities and of
 * the server, so the command line grades with it alone. The in-container harness is a separate project that shares
 * nothing with the server but its result format.
 */
class ArchitectureTest {

    /** Top to bottom: a package may use the packages after it, never one before it. */
    private static final List<String> LAYERS = List.of(
            "pages", "lti", "gradebook", "worker", "submission", "course", "exercise", "user", "web", "process",
            "grading", "format", "sandbox");
    private static final List<String> CORE = List.of("grading", "format", "sandbox");

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("threadmark");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("threadmark.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void everyServerPackageHasItsPlaceInTheLayersAndEveryLayerExists() {
        Set<String> packages = SERVER.stream().map(ArchitectureTest::topPackage)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> placed = new TreeSet<>(LAYERS);
        placed.add("cli");
        assertThat(packages).as("a new package needs a place in LAYERS and in the README's Architecture section")
                .isEqualTo(placed);
    }

    @Test
    void noPackageUsesOneAboveIt() {
        for (int i = 1; i < LAYERS.size(); i++) {
            ArchRule rule = noClasses().that().resideInAPackage(pkg(LAYERS.get(i)))
                    .should().dependOnClassesThat().resideInAnyPackage(pkgs(LAYERS.subList(0, i)))
                    .because("dependencies point down: " + String.join(" > ", LAYERS));
            rule.check(SERVER);
        }
    }

    @Test
    void theCommandLineUsesTheGradingCoreOnlyAndNothingUsesIt() {
        List<String> server = LAYERS.stream().filter(p -> !CORE.contains(p)).toList();
        noClasses().that().resideInAPackage(pkg("cli"))
                .should().dependOnClassesThat().resideInAnyPackage(pkgs(server))
                .because("the command line grades without a server or a database")
                .check(SERVER);
        noClasses().that().resideOutsideOfPackage(pkg("cli"))
                .should().dependOnClassesThat().resideInAPackage(pkg("cli"))
                .check(SERVER);
    }

    @Test
    void theGradingCoreHoldsNoEntityAndNeedsNoDatabase() {
        noClasses().that().resideInAnyPackage(pkgs(CORE))
                .should().beAnnotatedWith(Entity.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..",
                        "io.quarkus.hibernate..", "jakarta.transaction..")
                .because("workers hand the core records (GradingInput, GradeReport), never rows")
                .check(SERVER);
    }

    @Test
    void graderAndExerciseFormatNeedNoServerFramework() {
        noClasses().that().resideInAnyPackage(pkg("grading"), pkg("format"))
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..",
                        "jakarta.enterprise..", "jakarta.inject..", "jakarta.ws.rs..", "io.vertx..")
                .because("the command line and the tests construct them with new, without a container")
                .check(SERVER);
    }

    /**
     * One rule for pages and APIs: they read entities and read models directly, and every change goes through the
     * feature's service, where its checks and its transaction live.
     */
    @Test
    void pagesAndApisChangeDataOnlyThroughServices() {
        noClasses().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().callMethodWhere(describe("persist, delete or update an entity",
                        call -> call.getTargetOwner().isAssignableTo(PanacheEntityBase.class)
                                && WRITES.contains(call.getName())))
                .check(SERVER);
    }

    private static final Set<String> WRITES = Set.of("persist", "persistAndFlush", "delete", "deleteById", "deleteAll",
            "update", "create");

    @Test
    void theServerNeverReachesIntoTheHarness() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("threadmark.harness..", "threadmark.check..")
                .because("the harness runs inside the sandbox; the server reads only its result format")
                .check(SERVER);
    }

    @Test
    void theHarnessImportsNoServerCode() throws IOException {
        Set<String> serverPackages = SERVER.stream().map(ArchitectureTest::topPackage)
                .collect(Collectors.toCollection(TreeSet::new));
        Pattern serverReference = Pattern.compile("\\bthreadmark\\.(" + String.join("|", serverPackages) + ")\\.");
        Path sources = Path.of("graders/harness/src");
        assertThat(sources).as("the harness project beside the server").isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String[] lines = Files.readString(file).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    Matcher m = serverReference.matcher(lines[i]);
                    if (m.find()) {
                        found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
                    }
                }
            }
        }
        assertThat(found).as("the harness depends on the JDK and JUnit only").isEmpty();
    }

    private static String topPackage(JavaClass c) {
        String[] parts = c.getPackageName().split("\\.");
        return parts.length > 1 ? parts[1] : "";
    }

    private static String pkg(String name) {
        return "threadmark." + name + "..";
    }

    private static String[] pkgs(List<String> names) {
        return names.stream().map(ArchitectureTest::pkg).toArray(String[]::new);
    }
}
