package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class P256Test {

    @Test
    void generatedKeys_areAnUncompressedPointOnTheCurve_andA32ByteScalar() {
        for (int i = 0; i < 20; i++) {
            P256.RawKeyPair pair = P256.generate();
            assertThat(pair.publicKey()).hasSize(65);
            assertThat(P256.isUncompressedPoint(pair.publicKey())).isTrue();
            assertThat(pair.privateKey()).hasSize(32);
            assertThat(pair.toString()).doesNotContain(P256.base64Url(pair.privateKey()));
        }
    }

    @Test
    void pointsOffTheCurve_compressedOrOfTheWrongLength_areNot() {
        byte[] point = P256.generate().publicKey();
        byte[] off = point.clone();
        off[64] ^= 1;
        assertThat(P256.isUncompressedPoint(off)).isFalse();
        byte[] compressed = Arrays.copyOf(point, 33);
        compressed[0] = 0x02;
        assertThat(P256.isUncompressedPoint(compressed)).isFalse();
        byte[] wrongPrefix = point.clone();
        wrongPrefix[0] = 0x05;
        assertThat(P256.isUncompressedPoint(wrongPrefix)).isFalse();
        assertThat(P256.isUncompressedPoint(new byte[65])).isFalse();
        assertThat(P256.isUncompressedPoint(null)).isFalse();
    }
}
