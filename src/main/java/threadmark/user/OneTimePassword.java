package threadmark.user;

import java.security.SecureRandom;

/** Random passwords that are handed over once (a first start's, a staff reset's) and changed at the next login. */
public final class OneTimePassword {

    private static final SecureRandom RANDOM = new SecureRandom();
    // No 0/O, 1/l/I: the password is read off a screen or a log and typed.
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private OneTimePassword() {
    }

    /** 16 characters from a 55-letter alphabet: about 92 bits. */
    public static String generate() {
        StringBuilder password = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
