package threadmark.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Compiled hidden test classes, and the reference solution's classes under {@link #REFERENCE_PREFIX}, stored as one
 * zip so a worker needs nothing but the database row.
 */
public final class TestBundle {

    /** Prefixes the reference solution's class names; a binary class name never contains a '/'. */
    public static final String REFERENCE_PREFIX = "reference/";

    private TestBundle() {
    }

    public static byte[] pack(Map<String, byte[]> classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : new TreeMap<>(classes).entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTime(0);
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The test classes of a bundle's (or a compiler's) classes. */
    public static Map<String, byte[]> tests(Map<String, byte[]> classes) {
        Map<String, byte[]> tests = new TreeMap<>(classes);
        tests.keySet().removeIf(name -> name.startsWith(REFERENCE_PREFIX));
        return tests;
    }

    /** The reference solution's classes, by their own binary names. */
    public static Map<String, byte[]> reference(Map<String, byte[]> classes) {
        Map<String, byte[]> reference = new TreeMap<>();
        classes.forEach((name, bytes) -> {
            if (name.startsWith(REFERENCE_PREFIX)) {
                reference.put(name.substring(REFERENCE_PREFIX.length()), bytes);
            }
        });
        return reference;
    }

    public static Map<String, byte[]> unpack(byte[] bundle) {
        Map<String, byte[]> classes = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                classes.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }
}
