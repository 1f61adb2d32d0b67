package io.switchboard.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSecretsTest {

    @TempDir Path home;

    @Test
    void secrets_areMadeOnce_andKept_thePushKeyBeingBase64Of32Bytes() throws Exception {
        DevSecrets first = DevSecrets.load(home);
        DevSecrets again = DevSecrets.load(home);

        assertThat(first.keycloakAdminPassword()).isNotBlank();
        assertThat(first.identityClientSecret()).isNotBlank();
        if (System.getenv(DevSecrets.PUSH_KEY_ENV) == null) {
            assertThat(Base64.getDecoder().decode(first.pushKeyEncryptionKey())).hasSize(32);
        }
        assertThat(again).isEqualTo(first);
        assertThat(first.toString()).doesNotContain(first.pushKeyEncryptionKey()).doesNotContain(first.identityClientSecret());
        Path file = home.resolve("secrets.properties");
        assertThat(Files.readString(file)).contains("notification-service.push.key-encryption-key=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aStackFromBeforeThePushKey_getsOneAdded_andKeepsItsOtherSecrets() throws Exception {
        Files.writeString(home.resolve("secrets.properties"), "keycloak.admin.password=old-admin\nidentity-service.client.secret=old-client\n");

        DevSecrets secrets = DevSecrets.load(home);

        if (System.getenv(DevSecrets.ADMIN_PASSWORD_ENV) == null && System.getenv(DevSecrets.CLIENT_SECRET_ENV) == null) {
            assertThat(secrets.keycloakAdminPassword()).isEqualTo("old-admin");
            assertThat(secrets.identityClientSecret()).isEqualTo("old-client");
        }
        assertThat(secrets.pushKeyEncryptionKey()).isNotBlank();
        assertThat(DevSecrets.load(home).pushKeyEncryptionKey()).isEqualTo(secrets.pushKeyEncryptionKey());
    }
}
