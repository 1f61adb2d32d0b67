package io.switchboard.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTokensTest {

    @Test
    void tokens_are256RandomBits_urlSafe_andNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = SecretTokens.newToken();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void onlyTheSha256IsStored_andMatchesItsTokenOnly() {
        String token = SecretTokens.newToken();
        byte[] hash = SecretTokens.hash(token);
        assertThat(hash).hasSize(32);
        assertThat(SecretTokens.matches(hash, token)).isTrue();
        assertThat(SecretTokens.matches(hash, SecretTokens.newToken())).isFalse();
        assertThat(SecretTokens.matches(null, token)).isFalse();
    }

    @Test
    void malformedTokens_areNotLookedUp() {
        assertThat(SecretTokens.wellFormed(SecretTokens.newToken())).isTrue();
        assertThat(SecretTokens.wellFormed(null)).isFalse();
        assertThat(SecretTokens.wellFormed("short")).isFalse();
        assertThat(SecretTokens.wellFormed("' or 1=1 --'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).isFalse();
        assertThat(SecretTokens.wellFormed(SecretTokens.newToken() + "x")).isFalse();
    }
}
