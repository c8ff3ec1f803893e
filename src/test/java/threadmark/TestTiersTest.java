package threadmark;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast tier ({@code mvn -Pfast test}) leaves out the tests tagged {@code sandbox} or {@code browser}, by tag and
 * by name: Quarkus 3.33 builds an application for every test class it loads, even one a tag excludes, so the pom
 * lists them by name too. This keeps the list and the tags equal.
 */
class TestTiersTest {

    private static final Set<String> SLOW_TAGS = Set.of("sandbox", "browser");

    @Test
    void theFastTierExcludesByNameExactlyTheClassesTaggedSandboxOrBrowser() throws Exception {
        Set<String> tagged = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("threadmark")) {
            Class<?> loaded = Class.forName(c.getName(), false, getClass().getClassLoader());
            if (Arrays.stream(loaded.getAnnotationsByType(Tag.class)).anyMatch(t -> SLOW_TAGS.contains(t.value()))) {
                tagged.add(c.getSimpleName());
            }
        }
        assertThat(tagged).as("tagged test classes").isNotEmpty();
        assertThat(fastTierExclusions()).as("the <exclude>s of the fast profile in pom.xml").isEqualTo(tagged);
    }

    private static Set<String> fastTierExclusions() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher profile = Pattern.compile("<id>fast</id>(.*?)</profile>", Pattern.DOTALL).matcher(pom);
        assertThat(profile.find()).as("a profile named fast in pom.xml").isTrue();
        Set<String> names = new TreeSet<>();
        Matcher exclude = Pattern.compile("<exclude>\\*\\*/(\\w+)\\.java</exclude>").matcher(profile.group(1));
        while (exclude.find()) {
            names.add(exclude.group(1));
        }
        return names;
    }
}
