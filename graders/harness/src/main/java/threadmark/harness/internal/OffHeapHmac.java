package threadmark.harness.internal;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * HMAC-SHA256 whose key never stays on the Java heap. Student code shares this JVM and can dump its heap through the
 * management API; {@code javax.crypto.Mac} would keep the key there as its inner and outer pads. This class keeps
 * only the SHA-256 states after those pads, in direct (native) memory, which a heap dump does not contain, and works
 * on hash states in local variables. Not thread-safe: {@link ResultWriter} calls it under its lock.
 */
final class OffHeapHmac {
    private static final int BLOCK = 64;
    private static final int[] IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

    /** Inner pad state at 0..7, outer pad state at 8..15, a working state at 16..23: all in native memory. */
    private final IntBuffer states = ByteBuffer.allocateDirect(24 * Integer.BYTES).asIntBuffer();
    private final int[] schedule = new int[64];

    /** Takes the key in and wipes the caller's array. */
    OffHeapHmac(byte[] key) {
        byte[] block = new byte[BLOCK];
        try {
            byte[] k = key;
            if (key.length > BLOCK) {
                reset(IV);
                absorb(key, 0);
                k = digest();
            }
            for (int pad = 0; pad < 2; pad++) {
                byte mask = pad == 0 ? (byte) 0x36 : (byte) 0x5c;
                for (int i = 0; i < BLOCK; i++) {
                    block[i] = (byte) ((i < k.length ? k[i] : 0) ^ mask);
                }
                reset(IV);
                compress(block, 0);
                copyState(16, pad * 8);
            }
            if (k != key) {
                Arrays.fill(k, (byte) 0);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(block, (byte) 0);
            Arrays.fill(schedule, 0);
            for (int i = 16; i < 24; i++) {
                states.put(i, 0);
            }
        }
    }

    byte[] mac(byte[] message) {
        copyState(0, 16);
        absorb(message, BLOCK);
        byte[] inner = digest();
        copyState(8, 16);
        absorb(inner, BLOCK);
        return digest();
    }

    private void reset(int[] state) {
        for (int i = 0; i < 8; i++) {
            states.put(16 + i, state[i]);
        }
    }

    private void copyState(int from, int to) {
        for (int i = 0; i < 8; i++) {
            states.put(to + i, states.get(from + i));
        }
    }

    /** Hashes {@code data} with its padding into the working state, {@code before} bytes having been hashed already. */
    private void absorb(byte[] data, long before) {
        int full = data.length / BLOCK * BLOCK;
        for (int offset = 0; offset < full; offset += BLOCK) {
            compress(data, offset);
        }
        byte[] tail = new byte[data.length - full + 9 <= BLOCK ? BLOCK : 2 * BLOCK];
        System.arraycopy(data, full, tail, 0, data.length - full);
        tail[data.length - full] = (byte) 0x80;
        long bits = (before + data.length) * 8;
        for (int i = 0; i < 8; i++) {
            tail[tail.length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        for (int offset = 0; offset < tail.length; offset += BLOCK) {
            compress(tail, offset);
        }
    }

    private byte[] digest() {
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            int word = states.get(16 + i);
            out[4 * i] = (byte) (word >>> 24);
            out[4 * i + 1] = (byte) (word >>> 16);
            out[4 * i + 2] = (byte) (word >>> 8);
            out[4 * i + 3] = (byte) word;
        }
        return out;
    }

    /** One SHA-256 block into the working state; the state itself is only ever in locals and native memory. */
    private void compress(byte[] block, int offset) {
        int[] w = schedule;
        for (int i = 0; i < 16; i++) {
            int at = offset + 4 * i;
            w[i] = (block[at] & 0xff) << 24 | (block[at + 1] & 0xff) << 16 | (block[at + 2] & 0xff) << 8
                    | (block[at + 3] & 0xff);
        }
        for (int i = 16; i < 64; i++) {
            int s0 = Integer.rotateRight(w[i - 15], 7) ^ Integer.rotateRight(w[i - 15], 18) ^ (w[i - 15] >>> 3);
            int s1 = Integer.rotateRight(w[i - 2], 17) ^ Integer.rotateRight(w[i - 2], 19) ^ (w[i - 2] >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        int a = states.get(16);
        int b = states.get(17);
        int c = states.get(18);
        int d = states.get(19);
        int e = states.get(20);
        int f = states.get(21);
        int g = states.get(22);
        int h = states.get(23);
        for (int i = 0; i < 64; i++) {
            int t1 = h + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + ((e & f) ^ (~e & g)) + K[i] + w[i];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        states.put(16, states.get(16) + a);
        states.put(17, states.get(17) + b);
        states.put(18, states.get(18) + c);
        states.put(19, states.get(19) + d);
        states.put(20, states.get(20) + e);
        states.put(21, states.get(21) + f);
        states.put(22, states.get(22) + g);
        states.put(23, states.get(23) + h);
    }
}
