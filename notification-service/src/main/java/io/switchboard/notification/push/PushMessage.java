package io.switchboard.notification.push;

import java.time.Duration;

/**
 * One push to one device, ready to send: where, the subscription's keys, the plaintext payload (encrypted by the
 * sender), how long the push service should keep it, its urgency and its topic.
 *
 * @param urgency {@code very-low}, {@code low}, {@code normal} or {@code high} (the notification's)
 * @param topic   at most 32 base64url characters: a push service replaces an undelivered message with the same topic
 */
record PushMessage(String endpoint, String p256dh, String auth, byte[] payload, Duration ttl, String urgency, String topic) {

    @Override
    public String toString() {
        return "PushMessage[" + LogText.endpoint(endpoint) + ", urgency=" + urgency + ", ttl=" + ttl + "]";
    }
}
