package threadmark.harness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Reads harness stdout the way the server must: keeps only lines with a valid MAC and the next expected seq. */
public final class ResultVerifier {
    private static final String PREFIX = "@@threadmark ";

    /** The verified events in order, and every {@code @@threadmark} line that was not accepted. */
    public record Verified(List<Map<String, Object>> events, List<String> rejectedLines) {
    }

    public static Verified verify(String stdout, byte[] secret, String runId) {
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        long expectedSeq = 0;
        for (String line : stdout.split("\n", -1)) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = line.substring(PREFIX.length()).split(" ", -1);
            if (parts.length != 3 || !parts[0].equals(Long.toString(expectedSeq))
                    || !mac(secret, runId + " " + parts[0] + " " + parts[1]).equals(parts[2])) {
                rejected.add(line);
                continue;
            }
            String json = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            events.add(MiniJson.parseObject(json));
            expectedSeq++;
        }
        return new Verified(events, rejected);
    }

    public static String mac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
