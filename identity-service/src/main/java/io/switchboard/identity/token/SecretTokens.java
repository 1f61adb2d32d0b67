package io.switchboard.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets in invitation and confirmation links: 256 bits from a CSPRNG, URL-safe Base64 without padding
 * (43 characters). Only their SHA-256 is stored, and compared in constant time; the token itself exists only
 * in the mail.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored hash matches the presented token; time does not depend on where they differ. */
    public static boolean matches(byte[] storedHash, String token) {
        return storedHash != null && MessageDigest.isEqual(storedHash, hash(token));
    }

    /** Tokens are 43 URL-safe characters; anything else is not looked up at all. */
    public static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }
}
