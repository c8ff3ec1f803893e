package threadmark.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The check library is the API authors write hidden tests against, published as Javadoc under /docs/check/: every
 * public type and member says what it is for, and every public class shows an example. (Doclint, run by the build,
 * checks that what is written is well-formed.)
 */
class CheckLibraryDocsTest {

    private static final Path SOURCES = Path.of("src/main/java/threadmark/check");
    /** A public declaration, or a method of a public interface (implicitly public). */
    private static final Pattern PUBLIC = Pattern.compile("^\\s*public\\s.*");
    private static final Pattern INTERFACE_METHOD = Pattern.compile("^\\s+[\\w<>\\[\\], ?]+\\s\\w+\\(.*\\)( throws [\\w, ]+)?;$");

    @Test
    void everyPublicTypeAndMemberHasADocCommentAndEveryPublicClassAnExample() throws IOException {
        List<String> undocumented = new ArrayList<>();
        List<String> withoutExample = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                int depth = 0;
                int interfaceBody = -1;
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.contains("public interface ")) {
                        interfaceBody = depth + 1;
                    }
                    boolean declaration = PUBLIC.matcher(line).matches()
                            || depth == interfaceBody && INTERFACE_METHOD.matcher(line).matches();
                    depth += count(line, '{') - count(line, '}');
                    if (depth < interfaceBody) {
                        interfaceBody = -1;
                    }
                    if (declaration && !line.contains("@Override") && !documented(lines, i)) {
                        undocumented.add(file.getFileName() + ":" + (i + 1) + ": " + line.strip());
                    }
                    if (line.startsWith("public final class ") && !exampled(lines, i)) {
                        withoutExample.add(file.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(List.of(), undocumented, "public declarations of threadmark.check without a doc comment");
        assertEquals(List.of(), withoutExample, "public classes whose doc comment shows no example");
        assertTrue(Files.exists(SOURCES.resolve("Contention.java")), "the check library's sources are where we look");
    }

    private static int count(String line, char c) {
        return (int) line.chars().filter(ch -> ch == c).count();
    }

    /** The lines above, past annotations, end a doc comment; an overriding method inherits its comment. */
    private static boolean documented(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            String above = lines.get(i).strip();
            if (above.startsWith("@Override")) {
                return true;
            }
            if (above.startsWith("@")) {
                continue;
            }
            return above.endsWith("*/");
        }
        return false;
    }

    private static boolean exampled(List<String> lines, int index) {
        for (int i = index - 1; i >= 0 && !lines.get(i).startsWith("/**"); i--) {
            if (lines.get(i).contains("Example")) {
                return true;
            }
        }
        return false;
    }
}
