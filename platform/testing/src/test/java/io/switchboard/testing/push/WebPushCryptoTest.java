package io.switchboard.testing.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

/** The receiving side, proven on the RFC's own numbers rather than against the sender library. */
class WebPushCryptoTest {

    // RFC 8291 section 5 / appendix A ("Push Message Encryption Example"), all base64url.
    private static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3v"
            + "CYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_"
            + "Qulcy4a-fN";

    @Test
    void rfc8291AppendixA_messageDecryptsToTheWatermelon() throws Exception {
        byte[] plaintext = WebPushCrypto.decrypt(WebPushCrypto.base64Url(BODY), uaPublic(),
                WebPushCrypto.privateKey(WebPushCrypto.base64Url(UA_PRIVATE)), WebPushCrypto.base64Url(AUTH_SECRET));

        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo("When I grow up, I want to be a watermelon");
    }

    @Test
    void rfc8291AppendixA_keyIdIsTheApplicationServersPublicKey() {
        byte[] body = WebPushCrypto.base64Url(BODY);
        byte[] keyId = java.util.Arrays.copyOfRange(body, 21, 21 + 65);

        assertThat(body[20]).isEqualTo((byte) 65);
        assertThat(WebPushCrypto.base64Url(keyId)).isEqualTo(AS_PUBLIC);
    }

    @Test
    void rfc8291AppendixA_withAnotherAuthSecret_failsAuthentication() {
        byte[] otherAuth = WebPushCrypto.base64Url(AUTH_SECRET);
        otherAuth[0] ^= 1;

        assertThatThrownBy(() -> WebPushCrypto.decrypt(WebPushCrypto.base64Url(BODY), uaPublic(),
                WebPushCrypto.privateKey(WebPushCrypto.base64Url(UA_PRIVATE)), otherAuth))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("AES-128-GCM authentication failed");
    }

    @Test
    void rfc8291AppendixA_withOneCiphertextBitFlipped_failsAuthentication() {
        byte[] body = WebPushCrypto.base64Url(BODY);
        body[body.length - 20] ^= 1;

        assertThatThrownBy(() -> WebPushCrypto.decrypt(body, uaPublic(),
                WebPushCrypto.privateKey(WebPushCrypto.base64Url(UA_PRIVATE)), WebPushCrypto.base64Url(AUTH_SECRET)))
                .hasMessageContaining("AES-128-GCM authentication failed");
    }

    @Test
    void bodyShorterThanTheHeader_isRefusedWithTheReason() {
        assertThatThrownBy(() -> WebPushCrypto.decrypt(new byte[10], uaPublic(),
                WebPushCrypto.privateKey(WebPushCrypto.base64Url(UA_PRIVATE)), WebPushCrypto.base64Url(AUTH_SECRET)))
                .hasMessageContaining("shorter than the aes128gcm header");
    }

    @Test
    void publicKey_roundTripsThroughTheUncompressedForm() {
        assertThat(WebPushCrypto.base64Url(WebPushCrypto.encode(uaPublic()))).isEqualTo(UA_PUBLIC);
    }

    @Test
    void publicKey_offTheCurve_isRefused() {
        byte[] point = WebPushCrypto.base64Url(UA_PUBLIC);
        point[64] ^= 1;

        assertThatThrownBy(() -> WebPushCrypto.publicKey(point)).hasMessageContaining("not on the P-256 curve");
    }

    @Test
    void publicKey_compressedOrShort_isRefused() {
        byte[] compressed = java.util.Arrays.copyOf(WebPushCrypto.base64Url(UA_PUBLIC), 33);
        compressed[0] = 0x02;

        assertThatThrownBy(() -> WebPushCrypto.publicKey(compressed)).hasMessageContaining("65 bytes");
    }

    @Test
    void es256_verifiesAJdkSignature_andRefusesAnotherKeysSignature() throws Exception {
        var signer = WebPushCrypto.newKeyPair();
        var other = WebPushCrypto.newKeyPair();
        byte[] input = "header.claims".getBytes(StandardCharsets.US_ASCII);
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(signer.getPrivate());
        signature.update(input);
        byte[] signed = signature.sign();

        assertThat(WebPushCrypto.verifyEs256((ECPublicKey) signer.getPublic(), input, signed)).isTrue();
        assertThat(WebPushCrypto.verifyEs256((ECPublicKey) other.getPublic(), input, signed)).isFalse();
    }

    private static ECPublicKey uaPublic() {
        return WebPushCrypto.publicKey(WebPushCrypto.base64Url(UA_PUBLIC));
    }
}
