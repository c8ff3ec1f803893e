package threadmark.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Unpacks an uploaded exercise zip into a folder, refusing anything that could write outside it or fill the disk:
 * absolute paths, "..", backslashes, symbolic links, too many entries, too many bytes once inflated (counted while
 * inflating, since a zip's declared sizes can lie). The zip holds one folder, named as the exercise's slug; {@link #pack}
 * makes one.
 */
public final class ExerciseArchive {

    static final int MAX_ENTRIES = 500;
    static final long MAX_INFLATED_BYTES = 4 * 1024 * 1024;
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** A zip refused before anything was read as an exercise; the message says why. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private ExerciseArchive() {
    }

    /** Unpacks {@code zip} under {@code target} and returns the exercise folder inside it. */
    /**
     * The folder as a zip of one folder named after its slug, the form {@link #unpack} takes back: what staff
     * download to copy and adapt an exercise.
     */
    public static byte[] pack(String slug, Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                out.putNextEntry(new ZipEntry(slug + "/" + file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Path unpack(byte[] zip, Path target) throws IOException {
        ZipDirectory directory = ZipDirectory.of(zip);
        if (directory != null && !directory.symlinks().isEmpty()) {
            throw new RefusedException("'" + abbreviate(directory.symlinks().getFirst()) + "' is a symbolic link: zip "
                    + "the files themselves (zip -r without -y)");
        }
        List<String> topFolders = new ArrayList<>();
        long inflated = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw new RefusedException("the zip has more than " + MAX_ENTRIES + " entries");
                }
                String name = entry.getName();
                String[] segments = checkedSegments(name);
                if (!topFolders.contains(segments[0])) {
                    topFolders.add(segments[0]);
                }
                Path path = target.resolve(String.join("/", segments)).normalize();
                if (!path.startsWith(target)) {
                    throw new RefusedException("'" + name + "' would be written outside the exercise folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                if (segments.length == 1) {
                    throw new RefusedException("'" + name + "' is not inside a folder: zip the exercise folder itself "
                            + "(e.g. `zip -r race-counter.zip race-counter`)");
                }
                Files.createDirectories(path.getParent());
                inflated += copyLimited(in, path, MAX_INFLATED_BYTES - inflated);
            }
        } catch (ZipException e) {
            throw new RefusedException("not a readable zip: " + e.getMessage());
        } catch (EOFException e) {
            throw new RefusedException("not a readable zip: it ends in the middle of an entry (was the upload cut off?)");
        }
        if (topFolders.size() != 1) {
            throw new RefusedException(topFolders.isEmpty() ? "the body is not a zip, or the zip is empty"
                    : "the zip must hold exactly one folder, the exercise; it holds " + topFolders);
        }
        if (directory == null || (directory.entries() != ZipDirectory.UNKNOWN && directory.entries() != entries)) {
            throw new RefusedException("not a readable zip: it ends early, after " + entries + " entries"
                    + (directory == null ? "" : " of " + directory.entries()) + " (was the upload cut off?)");
        }
        return target.resolve(topFolders.getFirst());
    }

    private static String[] checkedSegments(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.contains(":")) {
            throw new RefusedException("'" + abbreviate(name) + "' is not a relative path inside the exercise folder");
        }
        String[] segments = name.endsWith("/") ? name.substring(0, name.length() - 1).split("/") : name.split("/");
        for (String segment : segments) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new RefusedException("'" + abbreviate(name) + "' would be written outside the exercise folder");
            }
            if (!SAFE_SEGMENT.matcher(segment).matches()) {
                throw new RefusedException("'" + abbreviate(name) + "': file and folder names may use letters, digits, "
                        + "'.', '_' and '-' only (at most 100 characters)");
            }
        }
        return segments;
    }

    private static long copyLimited(InputStream in, Path path, long budget) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                written += n;
                if (written > budget) {
                    throw new RefusedException("the zip inflates to more than " + MAX_INFLATED_BYTES / (1024 * 1024)
                            + " MB; an exercise folder is sources and text");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }

    private static String abbreviate(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "…" : name;
    }
}
