package threadmark.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * The in-container harness jar and the JUnit jars it runs with, carried inside the server as classpath
 * resources under {@code sandbox/}. The harness manifest's Class-Path names the library jars.
 */
public final class HarnessBundle {

    private static final String ROOT = "sandbox/";

    private final byte[] harnessJar;
    private final Map<String, byte[]> libraryJars;
    private Path materialized;

    private HarnessBundle(byte[] harnessJar, Map<String, byte[]> libraryJars) {
        this.harnessJar = harnessJar;
        this.libraryJars = libraryJars;
    }

    public static HarnessBundle fromClasspath() {
        byte[] harness = resource(ROOT + "harness.jar");
        Map<String, byte[]> libraries = new LinkedHashMap<>();
        for (String entry : classPathOf(harness)) {
            String name = entry.substring(entry.lastIndexOf('/') + 1);
            libraries.put(name, resource(ROOT + "lib/" + name));
        }
        return new HarnessBundle(harness, libraries);
    }

    private static String[] classPathOf(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                throw new IllegalStateException("the harness jar names no library jars in its manifest Class-Path");
            }
            return classPath.trim().split("\\s+");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = HarnessBundle.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name
                        + ": the harness is built by 'mvn package' (graders/harness) before the server");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] harnessJar() {
        return harnessJar;
    }

    public Map<String, byte[]> libraryJars() {
        return libraryJars;
    }

    /** Writes {@code harness.jar} and {@code lib/*.jar} below the given folder. */
    public void writeTo(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("lib"));
        Files.write(folder.resolve("harness.jar"), harnessJar);
        for (Map.Entry<String, byte[]> library : libraryJars.entrySet()) {
            Files.write(folder.resolve("lib").resolve(library.getKey()), library.getValue());
        }
    }

    /** The bundle written once to a private temporary folder, for compilers that want files. */
    public synchronized Path materialized() {
        if (materialized == null) {
            try {
                Path folder = Files.createTempDirectory("threadmark-harness-");
                writeTo(folder);
                materialized = folder;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return materialized;
    }

    public void digestInto(MessageDigest digest) {
        digest.update(harnessJar);
        libraryJars.forEach((name, bytes) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        });
    }
}
