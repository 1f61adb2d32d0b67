package io.switchboard.testing.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a browser does with a Web Push message, in plain JCE: P-256 keys in the uncompressed form push
 * subscriptions use, ES256 (JWS, R||S) verification for VAPID, and aes128gcm decryption of a push message
 * (RFC 8291 on top of RFC 8188). No Bouncy Castle: this is the independent side of the tests.
 */
public final class WebPushCrypto {

    /** Size of an uncompressed P-256 point: 0x04 || X || Y. */
    public static final int UNCOMPRESSED_POINT_LENGTH = 65;

    private static final ECParameterSpec P256 = p256();
    private static final byte[] WEB_PUSH_INFO = ascii("WebPush: info\0");
    private static final byte[] CEK_INFO = ascii("Content-Encoding: aes128gcm\0");
    private static final byte[] NONCE_INFO = ascii("Content-Encoding: nonce\0");
    private static final int SALT_LENGTH = 16;
    private static final int TAG_LENGTH = 16;
    private static final int HEADER_FIXED_LENGTH = SALT_LENGTH + 4 + 1;

    private WebPushCrypto() {
    }

    /** A fresh P-256 key pair, as a browser makes for each push subscription. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }

    /** 0x04 || X || Y, 65 bytes. */
    public static byte[] encode(ECPublicKey key) {
        ByteBuffer out = ByteBuffer.allocate(UNCOMPRESSED_POINT_LENGTH);
        out.put((byte) 0x04);
        out.put(unsigned32(key.getW().getAffineX()));
        out.put(unsigned32(key.getW().getAffineY()));
        return out.array();
    }

    /**
     * The P-256 public key of an uncompressed point.
     *
     * @throws IllegalArgumentException if it is not 65 bytes starting with 0x04 or the point is not on the curve
     */
    public static ECPublicKey publicKey(byte[] uncompressed) {
        if (uncompressed.length != UNCOMPRESSED_POINT_LENGTH || uncompressed[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed P-256 point (65 bytes starting with 0x04), got "
                    + uncompressed.length + " bytes");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
        if (!onCurve(x, y)) {
            throw new IllegalArgumentException("the point is not on the P-256 curve");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key: " + e.getMessage(), e);
        }
    }

    /** The P-256 private key of a raw 32-byte scalar (as JWK {@code d} carries it). */
    public static ECPrivateKey privateKey(byte[] d) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key: " + e.getMessage(), e);
        }
    }

    /** Verifies an ES256 JWS signature (64 bytes, R || S) over {@code signingInput}. */
    public static boolean verifyEs256(ECPublicKey key, byte[] signingInput, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Decrypts an aes128gcm Web Push message body (RFC 8291 section 3.4 on RFC 8188): header salt(16) | rs(4) |
     * idlen(1) | keyid(idlen = 65, the application server's ephemeral public key), then one record whose
     * plaintext ends with the last-record delimiter 0x02 and optional zero padding.
     *
     * @param body           the HTTP request body as sent
     * @param uaPublic       the subscription's public key (p256dh)
     * @param uaPrivate      the subscription's private key
     * @param authSecret     the subscription's 16-byte auth secret
     * @return the plaintext without padding
     * @throws GeneralSecurityException naming what is wrong with the message
     */
    public static byte[] decrypt(byte[] body, ECPublicKey uaPublic, ECPrivateKey uaPrivate, byte[] authSecret)
            throws GeneralSecurityException {
        if (body.length < HEADER_FIXED_LENGTH) {
            throw new GeneralSecurityException("body of " + body.length + " bytes is shorter than the aes128gcm header");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[SALT_LENGTH];
        in.get(salt);
        long rs = Integer.toUnsignedLong(in.getInt());
        int idlen = Byte.toUnsignedInt(in.get());
        if (rs < TAG_LENGTH + 2) {
            throw new GeneralSecurityException("record size rs=" + rs + " is below the minimum of 18");
        }
        if (idlen != UNCOMPRESSED_POINT_LENGTH) {
            throw new GeneralSecurityException("keyid length " + idlen
                    + " is not 65 (Web Push puts the sender's uncompressed P-256 public key in keyid)");
        }
        if (in.remaining() < idlen) {
            throw new GeneralSecurityException("body ends inside the keyid");
        }
        byte[] asPublicBytes = new byte[idlen];
        in.get(asPublicBytes);
        ECPublicKey asPublic;
        try {
            asPublic = publicKey(asPublicBytes);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("keyid is not the sender's public key: " + e.getMessage());
        }
        byte[] record = new byte[in.remaining()];
        in.get(record);
        if (record.length < TAG_LENGTH + 1) {
            throw new GeneralSecurityException("the record is too short (" + record.length + " bytes)");
        }
        if (record.length > rs) {
            throw new GeneralSecurityException("the content spans more than one record (" + record.length
                    + " bytes, rs=" + rs + "); a push message is a single record");
        }

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(uaPrivate);
        agreement.doPhase(asPublic, true);
        byte[] ecdhSecret = agreement.generateSecret();

        byte[] uaPublicBytes = encode(uaPublic);
        byte[] prkKey = hmac(authSecret, ecdhSecret);
        byte[] ikm = hmac(prkKey, concat(WEB_PUSH_INFO, uaPublicBytes, asPublicBytes, new byte[]{1}));
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat(CEK_INFO, new byte[]{1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat(NONCE_INFO, new byte[]{1})), 12);
        // Sequence number 0: the nonce is used as derived.

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        byte[] padded;
        try {
            padded = cipher.doFinal(record);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("AES-128-GCM authentication failed: the message was not encrypted for "
                    + "this subscription's keys and auth secret (" + e.getClass().getSimpleName() + ")");
        }
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0) {
            throw new GeneralSecurityException("the record has no padding delimiter");
        }
        if (padded[end] != 0x02) {
            throw new GeneralSecurityException("the padding delimiter is 0x" + Integer.toHexString(padded[end] & 0xff)
                    + ", not 0x02 (the last and only record)");
        }
        return Arrays.copyOf(padded, end);
    }

    public static byte[] base64Url(String text) {
        String unpadded = text.strip();
        while (unpadded.endsWith("=")) {
            unpadded = unpadded.substring(0, unpadded.length() - 1);
        }
        return Base64.getUrlDecoder().decode(unpadded);
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] out = new byte[32];
        if (raw.length > 32) {
            System.arraycopy(raw, raw.length - 32, out, 0, 32);
        } else {
            System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        }
        return out;
    }

    private static boolean onCurve(BigInteger x, BigInteger y) {
        EllipticCurve curve = P256.getCurve();
        BigInteger p = ((java.security.spec.ECFieldFp) curve.getField()).getP();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }
}
