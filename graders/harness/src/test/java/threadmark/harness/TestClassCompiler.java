package threadmark.harness;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a hidden test class against reference student sources, in memory, the way the server prepares the test
 * bytes of a job. Only the test class and its nested classes are returned, never the reference classes.
 */
public final class TestClassCompiler {
    private TestClassCompiler() {
    }

    public static Map<String, byte[]> compileTest(String testClassName, String testSource,
            Map<String, String> referenceSources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> files = new ArrayList<>();
        files.add(source(testClassName.replace('.', '/') + ".java", testSource));
        referenceSources.forEach((name, text) -> files.add(source(name, text)));
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        var fileManager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return outputs.computeIfAbsent(className, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        StringWriter errors = new StringWriter();
        List<String> options = List.of("--release", "21", "-proc:none", "-classpath", classPath());
        if (!javac.getTask(errors, fileManager, null, options, null, files).call()) {
            throw new IllegalStateException("test sources do not compile:\n" + errors);
        }
        Map<String, byte[]> testClasses = new LinkedHashMap<>();
        outputs.forEach((name, bytes) -> {
            if (name.equals(testClassName) || name.startsWith(testClassName + "$")) {
                testClasses.put(name, bytes.toByteArray());
            }
        });
        return testClasses;
    }

    /** JUnit from the harness's lib folder, and the harness jar for the exported {@code threadmark.check}. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        entries.add(HarnessProcess.harnessJar().toString());
        try (Stream<Path> jars = Files.list(HarnessProcess.harnessLib())) {
            jars.map(Path::toString).sorted().forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static JavaFileObject source(String fileName, String text) {
        return new SimpleJavaFileObject(URI.create("string:///" + fileName), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }
}
