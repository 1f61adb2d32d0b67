package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.RealServers;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The VAPID key pair on a fresh database of the real PostgreSQL, as several instances would meet it. */
class VapidKeysTest {

    private static final String KEK = key();
    private DatabaseClient db;

    @BeforeEach
    void freshDatabase() {
        PostgresServer postgres = RealServers.postgres();
        String database = "notification_vapid_" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36).toLowerCase(Locale.ROOT);
        postgres.createDatabase(database);
        Flyway.configure().dataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password())
                .locations("classpath:db/platform", "classpath:db/migration").load().migrate();
        ConnectionFactory factory = ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl(database)).mutate()
                .option(ConnectionFactoryOptions.USER, postgres.username())
                .option(ConnectionFactoryOptions.PASSWORD, postgres.password()).build());
        db = DatabaseClient.create(factory);
    }

    @Test
    void instancesStartingAtOnce_agreeOnOneKeyPair() {
        for (int round = 0; round < 3; round++) {
            db.sql("delete from push_vapid_keys").fetch().rowsUpdated().block();
            List<Optional<String>> keys = Mono.zip(
                            new VapidKeys(db, PushPropertiesTest.defaults(KEK)).publicKey().subscribeOn(Schedulers.parallel()),
                            new VapidKeys(db, PushPropertiesTest.defaults(KEK)).publicKey().subscribeOn(Schedulers.parallel()),
                            new VapidKeys(db, PushPropertiesTest.defaults(KEK)).publicKey().subscribeOn(Schedulers.parallel()))
                    .map(all -> List.of(all.getT1(), all.getT2(), all.getT3()))
                    .block(Duration.ofSeconds(20));

            assertThat(keys.getFirst()).isPresent();
            assertThat(keys).containsOnly(keys.getFirst());
            assertThat(db.sql("select count(*) from push_vapid_keys").map(row -> row.get(0, Long.class)).one().block()).isEqualTo(1);
        }
    }

    @Test
    void aRestart_keepsThePair_andThePrivateKeyIsStoredSealed() {
        P256.RawKeyPair first = new VapidKeys(db, PushPropertiesTest.defaults(KEK)).current().block(Duration.ofSeconds(10)).orElseThrow();

        P256.RawKeyPair afterRestart = new VapidKeys(db, PushPropertiesTest.defaults(KEK)).current().block(Duration.ofSeconds(10)).orElseThrow();

        assertThat(afterRestart.publicKey()).isEqualTo(first.publicKey());
        assertThat(afterRestart.privateKey()).isEqualTo(first.privateKey());
        String sealed = db.sql("select private_key_sealed from push_vapid_keys").map(row -> row.get(0, String.class)).one().block();
        assertThat(sealed).doesNotContain(Base64.getEncoder().encodeToString(first.privateKey()))
                .doesNotContain(P256.base64Url(first.privateKey()));
    }

    @Test
    void withoutAKey_pushIsOff_andNothingIsStored() {
        assertThat(new VapidKeys(db, PushPropertiesTest.defaults(null)).publicKey().block(Duration.ofSeconds(10))).isEmpty();
        assertThat(new VapidKeys(db, PushPropertiesTest.defaults("too-short")).publicKey().block(Duration.ofSeconds(10))).isEmpty();
        assertThat(db.sql("select count(*) from push_vapid_keys").map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
