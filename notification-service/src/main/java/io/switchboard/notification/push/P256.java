package io.switchboard.notification.push;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** The NIST P-256 curve as Web Push uses it: points in uncompressed form (65 bytes), keys made with the JDK. */
final class P256 {

    static final int POINT_LENGTH = 65;
    static final int SCALAR_LENGTH = 32;
    private static final BigInteger P = new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    private static final BigInteger B = new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    private P256() {
    }

    /** Whether {@code point} is 0x04 || X || Y with (X, Y) on the curve (not the point at infinity). */
    static boolean isUncompressedPoint(byte[] point) {
        if (point == null || point.length != POINT_LENGTH || point[0] != 0x04) {
            return false;
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(P);
        BigInteger right = x.pow(3).add(A.multiply(x)).add(B).mod(P);
        return left.equals(right);
    }

    /** A fresh key pair: the public key as an uncompressed point, the private key as its 32-byte scalar. */
    static RawKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
            byte[] point = new byte[POINT_LENGTH];
            point[0] = 0x04;
            System.arraycopy(fixed(publicKey.getW().getAffineX()), 0, point, 1, 32);
            System.arraycopy(fixed(publicKey.getW().getAffineY()), 0, point, 33, 32);
            return new RawKeyPair(point, fixed(privateKey.getS()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make P-256 keys", e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** base64url with or without padding (browsers send either); null when it is not base64url. */
    static byte[] fromBase64Url(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(text.strip());
        } catch (IllegalArgumentException notBase64Url) {
            return null;
        }
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == SCALAR_LENGTH) {
            return bytes;
        }
        byte[] out = new byte[SCALAR_LENGTH];
        int copy = Math.min(bytes.length, SCALAR_LENGTH);
        System.arraycopy(bytes, bytes.length - copy, out, SCALAR_LENGTH - copy, copy);
        return out;
    }

    /** @param publicKey uncompressed point (65 bytes) @param privateKey the scalar d (32 bytes) */
    record RawKeyPair(byte[] publicKey, byte[] privateKey) {

        String publicKeyBase64Url() {
            return base64Url(publicKey);
        }

        @Override
        public String toString() {
            return "RawKeyPair[publicKey=" + publicKeyBase64Url() + ", privateKey=(hidden)]";
        }
    }
}
