package io.switchboard.notification.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under the key-encryption key ({@code switchboard.push.key-encryption-key}): what keeps the VAPID
 * private key unreadable in the database. A sealed value is base64 of {@code version(1) || nonce(12) ||
 * ciphertext+tag}; the associated data binds it to what it is for (e.g. the public key it belongs to).
 */
final class KeyEncryption {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String fingerprint;

    private KeyEncryption(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.fingerprint = fingerprintOf(key);
        Arrays.fill(key, (byte) 0);
    }

    /** From the configured value: base64 (standard or url-safe) of exactly 32 bytes. */
    static KeyEncryption fromConfig(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("switchboard.push.key-encryption-key is not set");
        }
        byte[] bytes;
        try {
            String text = base64.strip();
            bytes = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("switchboard.push.key-encryption-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("switchboard.push.key-encryption-key must be base64 of 32 bytes, not " + bytes.length);
        }
        return new KeyEncryption(bytes);
    }

    /** Who may see it: a short, one-way name of the key, so that a changed key can be told apart in errors. */
    String fingerprint() {
        return fingerprint;
    }

    String seal(byte[] plaintext, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext; {@link IllegalArgumentException} when this key (or this associated data) did not seal it. */
    byte[] open(String sealed, String associatedData) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("sealed value is not base64");
        }
        if (bytes.length < 1 + NONCE + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("sealed value has an unknown format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, 1 + NONCE, bytes.length - 1 - NONCE);
        } catch (javax.crypto.AEADBadTagException wrongKey) {
            throw new IllegalArgumentException("sealed value does not open with this key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static String fingerprintOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("switchboard push key-encryption-key fingerprint".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha.digest(key), 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryption[" + fingerprint + "]";
    }
}
