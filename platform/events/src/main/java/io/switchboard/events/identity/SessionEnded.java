package io.switchboard.events.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A person signed out on one device: the Keycloak session whose tokens carry {@code sid} is ended. The gateway
 * refuses that session's still-valid access tokens from now until they expire; notification-service deletes the
 * session's push subscriptions and closes its live streams. The person's other sessions are untouched.
 *
 * <p>The one event keyed by a person, not an organization (a session belongs to no organization): the record key
 * and the envelope's subject are {@code userId}. The session id travels hashed ({@link #hashOf}), as every
 * consumer stores it: nothing on the topic or in a table can be replayed as a session id.
 *
 * @param sessionHash {@link #hashOf} of the token's {@code sid} claim
 * @param deviceId    the device the person signed out on, as the app named it (null when not given)
 */
public record SessionEnded(UUID userId, String sessionHash, String deviceId, Instant endedAt) {

    /** base64url (no padding) of SHA-256 of the {@code sid} claim's UTF-8 bytes; null for null. */
    public static String hashOf(String sid) {
        if (sid == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sid.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
