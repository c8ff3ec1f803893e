package threadmark.exercise;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Exercise zips for upload tests, built from the probe fixture (a two-test exercise that grades in seconds). */
public final class ExerciseZips {

    private static final Path PROBE = Path.of("src/test/resources/fixtures/probe");

    private ExerciseZips() {
    }

    /** The probe fixture's files under {@code slug/}, with some replaced or added ("../x" and "/x" stay as given). */
    public static Map<String, byte[]> probe(String slug, Map<String, String> changes) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(PROBE)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(slug + "/" + PROBE.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        changes.forEach((name, content) -> files.put(name.startsWith("../") || name.startsWith("/") ? name
                : slug + "/" + name, content.getBytes()));
        return files;
    }

    public static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The probe's reference solution, which scores full marks. */
    public static String probeReference() throws IOException {
        return Files.readString(PROBE.resolve("solutions/reference/Probe.java"));
    }
}
