package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void sealedPrivateKey_opensWithTheSameKeyAndAssociatedData() {
        KeyEncryption kek = KeyEncryption.fromConfig(newKey());
        byte[] secret = P256.generate().privateKey();

        String sealed = kek.seal(secret, "aad");

        assertThat(kek.open(sealed, "aad")).isEqualTo(secret);
        assertThat(sealed).doesNotContain(Base64.getEncoder().encodeToString(secret));
        assertThat(kek.seal(secret, "aad")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anotherKey_orOtherAssociatedData_orATamperedValue_doNotOpenIt() {
        KeyEncryption kek = KeyEncryption.fromConfig(newKey());
        String sealed = kek.seal("secret".getBytes(StandardCharsets.UTF_8), "aad");

        assertThatThrownBy(() -> KeyEncryption.fromConfig(newKey()).open(sealed, "aad")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kek.open(sealed, "other")).isInstanceOf(IllegalArgumentException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> kek.open(Base64.getEncoder().encodeToString(bytes), "aad")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configuredKey_mustBeBase64Of32Bytes_standardOrUrlSafe() {
        byte[] key = new byte[32];
        key[0] = (byte) 0xfb; // makes '+' / '-' appear in the encodings
        key[1] = (byte) 0xff;
        assertThat(KeyEncryption.fromConfig(Base64.getEncoder().encodeToString(key)).fingerprint())
                .isEqualTo(KeyEncryption.fromConfig(Base64.getUrlEncoder().withoutPadding().encodeToString(key)).fingerprint());
        assertThatThrownBy(() -> KeyEncryption.fromConfig(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyEncryption.fromConfig("not base64 at all!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncryption.fromConfig("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorsAndToString_neverCarryTheKey() {
        String key = newKey();
        KeyEncryption kek = KeyEncryption.fromConfig(key);
        assertThat(kek.toString()).doesNotContain(key);
        assertThatThrownBy(() -> KeyEncryption.fromConfig(key.substring(0, 20))).message().doesNotContain(key.substring(0, 20));
    }
}
