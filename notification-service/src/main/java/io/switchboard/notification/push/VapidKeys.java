package io.switchboard.notification.push;

import io.switchboard.notification.push.P256.RawKeyPair;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The service's VAPID key pair, made once and kept in {@code push_vapid_keys}: the first instance to start
 * inserts a fresh pair if there is none ({@code on conflict do nothing}), then every instance reads the one row
 * back, so two instances starting at once agree. The private key is stored sealed under the key-encryption key.
 *
 * <p>Without a key-encryption key push is off: {@link #current()} is empty, one warning is logged. A configured
 * key that does not open the stored private key (the key was changed) also turns push off, with an error: making a
 * new pair would orphan every subscription, so that is left to an operator.
 */
@Component
class VapidKeys {

    private static final Logger log = LoggerFactory.getLogger(VapidKeys.class);
    private static final String AAD_PREFIX = "switchboard push vapid private key v1:";

    private final DatabaseClient db;
    private final KeyEncryption encryption;
    private final Mono<Optional<RawKeyPair>> current;

    VapidKeys(DatabaseClient db, PushProperties properties) {
        this.db = db;
        KeyEncryption configured = null;
        if (!properties.pushConfigured()) {
            log.warn("Web Push is OFF: switchboard.push.key-encryption-key (env SWITCHBOARD_PUSH_KEY_ENCRYPTION_KEY, base64 of 32 bytes)"
                    + " is not set; GET /api/push/vapid-public-key and subscribing answer 503, no push is sent");
        } else {
            try {
                configured = KeyEncryption.fromConfig(properties.keyEncryptionKey());
            } catch (IllegalArgumentException invalid) {
                log.warn("Web Push is OFF: {}", invalid.getMessage());
            }
        }
        this.encryption = configured;
        // loaded once on first use; a failure (database not reachable yet) is tried again on the next use
        this.current = configured == null ? Mono.just(Optional.empty())
                : Mono.defer(this::load).cache(ok -> java.time.Duration.ofMillis(Long.MAX_VALUE),
                        failed -> java.time.Duration.ZERO, () -> java.time.Duration.ZERO);
    }

    /** The key pair, or empty when push is off. */
    Mono<Optional<RawKeyPair>> current() {
        return current;
    }

    /** The public key as browsers need it ({@code applicationServerKey}), or empty when push is off. */
    Mono<Optional<String>> publicKey() {
        return current.map(pair -> pair.map(RawKeyPair::publicKeyBase64Url));
    }

    private Mono<Optional<RawKeyPair>> load() {
        RawKeyPair fresh = P256.generate();
        String publicKey = fresh.publicKeyBase64Url();
        return db.sql("""
                        insert into push_vapid_keys (id, public_key, private_key_sealed, kek_fingerprint)
                        values (1, :publicKey, :sealed, :fingerprint)
                        on conflict (id) do nothing""")
                .bind("publicKey", publicKey)
                .bind("sealed", encryption.seal(fresh.privateKey(), AAD_PREFIX + publicKey))
                .bind("fingerprint", encryption.fingerprint())
                .fetch().rowsUpdated()
                .doOnNext(inserted -> {
                    if (inserted > 0) {
                        log.info("Web Push: made the VAPID key pair (public key {})", publicKey);
                    }
                })
                .then(db.sql("select public_key, private_key_sealed, kek_fingerprint from push_vapid_keys where id = 1")
                        .map(row -> new Stored(row.get("public_key", String.class), row.get("private_key_sealed", String.class),
                                row.get("kek_fingerprint", String.class)))
                        .one())
                .map(this::open);
    }

    private Optional<RawKeyPair> open(Stored stored) {
        try {
            byte[] privateKey = encryption.open(stored.sealed(), AAD_PREFIX + stored.publicKey());
            byte[] publicKey = P256.fromBase64Url(stored.publicKey());
            log.info("Web Push is on (VAPID public key {})", stored.publicKey());
            return Optional.of(new RawKeyPair(publicKey, privateKey));
        } catch (IllegalArgumentException wrongKey) {
            log.error("Web Push is OFF: the configured key-encryption key (fingerprint {}) does not open the stored VAPID private key"
                            + " (sealed under {}); set the key it was made with. Deleting the row makes a new pair, and every"
                            + " existing subscription then stops working", encryption.fingerprint(), stored.fingerprint());
            return Optional.empty();
        }
    }

    private record Stored(String publicKey, String sealed, String fingerprint) {
    }
}
