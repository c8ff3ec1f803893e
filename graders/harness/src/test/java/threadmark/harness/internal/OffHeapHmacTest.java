package threadmark.harness.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class OffHeapHmacTest {

    @Test
    void agreesWithTheJdksHmacSha256AcrossBlockBoundaries() throws Exception {
        Random random = new Random(7);
        for (int keyLength : new int[] {1, 32, 64, 65, 200}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            OffHeapHmac hmac = new OffHeapHmac(key.clone());
            for (int length : new int[] {0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 20_000}) {
                byte[] message = new byte[length];
                random.nextBytes(message);
                assertArrayEquals(jdk.doFinal(message), hmac.mac(message), "key " + keyLength + ", message " + length);
            }
        }
    }

    @Test
    void wipesTheCallersKey() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        new OffHeapHmac(key);
        assertEquals(0, key[0] | key[31]);
    }
}
