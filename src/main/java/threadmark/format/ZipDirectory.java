package threadmark.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a zip's central directory, at its end, says about the entries: how many there are and which are symbolic
 * links (Unix file mode in the external attributes). {@link java.util.zip.ZipInputStream} reads only the entries
 * themselves, front to back, and takes a zip cut off between two entries for a whole one; nor does it see links.
 */
record ZipDirectory(int entries, List<String> symlinks) {

    /** ZIP64 and split zips put this in the 16-bit count and look elsewhere; no exercise zip needs them. */
    static final int UNKNOWN = 0xFFFF;

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int ENTRY_SIZE = 46;
    private static final int MADE_BY_UNIX = 3;
    private static final int FILE_TYPE = 0xF000;
    private static final int SYMLINK = 0xA000;

    /** The directory, or null if the zip has none (not a zip, or cut off). */
    static ZipDirectory of(byte[] zip) {
        ByteBuffer bytes = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = endRecord(bytes);
        if (end < 0) {
            return null;
        }
        int count = Short.toUnsignedInt(bytes.getShort(end + 10));
        long offset = Integer.toUnsignedLong(bytes.getInt(end + 16));
        List<String> links = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (offset + ENTRY_SIZE > zip.length || bytes.getInt((int) offset) != ENTRY_SIGNATURE) {
                break;
            }
            int at = (int) offset;
            int madeBy = Short.toUnsignedInt(bytes.getShort(at + 4)) >>> 8;
            int nameLength = Short.toUnsignedInt(bytes.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(bytes.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(bytes.getShort(at + 32));
            int mode = bytes.getInt(at + 38) >>> 16;
            if (at + ENTRY_SIZE + nameLength > zip.length) {
                break;
            }
            if (madeBy == MADE_BY_UNIX && (mode & FILE_TYPE) == SYMLINK) {
                links.add(new String(zip, at + ENTRY_SIZE, nameLength, StandardCharsets.UTF_8));
            }
            offset += ENTRY_SIZE + nameLength + extraLength + commentLength;
        }
        return new ZipDirectory(count, List.copyOf(links));
    }

    /** The end-of-central-directory record is last, followed only by a comment of up to 64 KB. */
    private static int endRecord(ByteBuffer bytes) {
        int last = bytes.limit() - END_SIZE;
        for (int at = last; at >= 0 && at >= last - 0xFFFF; at--) {
            if (bytes.getInt(at) == END_SIGNATURE) {
                return at;
            }
        }
        return -1;
    }
}
