package threadmark.exercise;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /**
     * The zip with every entry's uncompressed size rewritten to {@code declared} wherever the zip states it (data
     * descriptor and central directory): a zip whose sizes lie. Entries must be deflated by {@link #zip}.
     */
    public static byte[] withDeclaredSizes(byte[] zip, int declared) {
        ByteBuffer bytes = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
        forEachCentralEntry(bytes, at -> {
            int local = bytes.getInt(at + 42);
            int compressed = bytes.getInt(at + 20);
            int dataStart = local + 30 + Short.toUnsignedInt(bytes.getShort(local + 26))
                    + Short.toUnsignedInt(bytes.getShort(local + 28));
            int descriptor = dataStart + compressed;
            int sizeField = bytes.getInt(descriptor) == 0x08074b50 ? descriptor + 12 : descriptor + 8;
            bytes.putInt(sizeField, declared);
            bytes.putInt(at + 24, declared);
        });
        return bytes.array();
    }

    /** The zip with the entry {@code name} marked as a Unix symbolic link, as {@code zip -y} stores one. */
    public static byte[] withSymlink(byte[] zip, String name) {
        ByteBuffer bytes = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
        forEachCentralEntry(bytes, at -> {
            int nameLength = Short.toUnsignedInt(bytes.getShort(at + 28));
            if (new String(bytes.array(), at + 46, nameLength, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
                bytes.putShort(at + 4, (short) 0x031e);
                bytes.putInt(at + 38, 0120777 << 16);
            }
        });
        return bytes.array();
    }

    private static void forEachCentralEntry(ByteBuffer bytes, java.util.function.IntConsumer entry) {
        int end = bytes.limit() - 22;
        while (bytes.getInt(end) != 0x06054b50) {
            end--;
        }
        int count = Short.toUnsignedInt(bytes.getShort(end + 10));
        int at = bytes.getInt(end + 16);
        for (int i = 0; i < count; i++) {
            entry.accept(at);
            at += 46 + Short.toUnsignedInt(bytes.getShort(at + 28)) + Short.toUnsignedInt(bytes.getShort(at + 30))
                    + Short.toUnsignedInt(bytes.getShort(at + 32));
        }
    }

    /** The probe's reference solution, which scores full marks. */
    public static String probeReference() throws IOException {
        return Files.readString(PROBE.resolve("solutions/reference/Probe.java"));
    }
}
