import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The grading sandbox has no shell and no command-line tools, only a Java runtime, so the tests write their own
 * small command-line programs, compile them into a temporary folder and run them as child JVMs:
 * {@code java -cp <folder> Upper} upper-cases its stdin, like {@code tr a-z A-Z}.
 */
class ShellBasicsTest {

    /** Tiny command-line programs, compiled once per test class. */
    static final class Programs {
        static final Map<String, String> BASIC = Map.of(
                "Upper", """
                        import java.io.*;
                        import java.nio.charset.StandardCharsets;
                        import java.util.Locale;
                        /** Upper-cases its stdin onto its stdout, a chunk at a time (like `tr a-z A-Z`). */
                        public class Upper {
                            public static void main(String[] args) throws IOException {
                                Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
                                Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
                                char[] chunk = new char[8192];
                                for (int n; (n = in.read(chunk)) > 0; ) {
                                    out.write(new String(chunk, 0, n).toUpperCase(Locale.ROOT));
                                }
                                out.flush();
                            }
                        }
                        """,
                "Cat", """
                        import java.io.*;
                        /** Copies its stdin to its stdout (like `cat`). */
                        public class Cat {
                            public static void main(String[] args) throws IOException {
                                OutputStream out = new FileOutputStream(FileDescriptor.out);
                                System.in.transferTo(out);
                                out.flush();
                            }
                        }
                        """,
                "CountLines", """
                        import java.io.*;
                        /** Prints how many lines its stdin has (like `wc -l`). */
                        public class CountLines {
                            public static void main(String[] args) throws IOException {
                                long lines = 0;
                                byte[] chunk = new byte[8192];
                                for (int n; (n = System.in.read(chunk)) > 0; ) {
                                    for (int i = 0; i < n; i++) {
                                        if (chunk[i] == '\\n') {
                                            lines++;
                                        }
                                    }
                                }
                                System.out.println(lines);
                            }
                        }
                        """);

        private final Path folder;

        private Programs(Path folder) {
            this.folder = folder;
        }

        /** Compiles the programs (name to source) into a new folder under the temporary directory. */
        static Programs compile(Map<String, String> sources) throws IOException {
            Path folder = scratchFolder();
            List<String> files = new ArrayList<>(List.of("-d", folder.toString(), "-proc:none", "-g:none"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = folder.resolve(source.getKey() + ".java");
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            int status = javac.run(null, messages, messages, files.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the test programs do not compile: " + messages.toString(StandardCharsets.UTF_8));
            }
            return new Programs(folder);
        }

        /** A new folder in the temporary directory (the sandbox's /tmp tmpfs). */
        static Path scratchFolder() throws IOException {
            return Files.createTempDirectory("pipes-");
        }

        /** The command that runs one program: a small, quick-starting child JVM. */
        List<String> command(String program, String... args) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx24m", "-XX:-UsePerfData",
                    "-XX:+DisableAttachMechanism", "-cp", folder.toString(), program));
            command.addAll(List.of(args));
            return command;
        }

        Path folder() {
            return folder;
        }
    }

    private static Programs programs;

    @BeforeAll
    static void compilePrograms() throws IOException {
        programs = Programs.compile(Programs.BASIC);
    }

    @Test
    void runsOneCommand() throws Exception {
        String output = Shell.pipe(List.of(programs.command("Upper")), "hello, pipes\n");
        assertEquals("HELLO, PIPES\n", output, "pipe([Upper], \"hello, pipes\\n\") must return the stdout of Upper");
    }

    @Test
    void connectsTwoAndThreeStages() throws Exception {
        String two = Shell.pipe(List.of(programs.command("Cat"), programs.command("Upper")), "straße\nnaïve\n");
        assertEquals("STRASSE\nNAÏVE\n", two,
                "pipe([Cat] | [Upper], \"straße\\nnaïve\\n\"): Cat's stdout must go to Upper's stdin (UTF-8 both ways)");
        // Each stage changes the text, so the answer shows that every output went into the next command's input.
        String three = Shell.pipe(List.of(programs.command("Upper"), programs.command("CountLines"), programs.command("Cat")),
                "one\ntwo\nthree\n");
        assertEquals("3\n", three.replace("\r\n", "\n"),
                "pipe([Upper] | [CountLines] | [Cat], three lines): Upper's stdout must go to CountLines' stdin, and "
                        + "CountLines' stdout to Cat's stdin; return Cat's output");
    }
}
