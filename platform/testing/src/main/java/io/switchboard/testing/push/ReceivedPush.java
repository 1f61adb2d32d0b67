package io.switchboard.testing.push;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A push the test push service accepted and decrypted: what the device (the service worker) would get.
 *
 * @param endpoint       the endpoint URL it was sent to
 * @param receivedAt     when it arrived
 * @param payload        the decrypted payload bytes (empty for a push without payload)
 * @param ttl            the {@code TTL} header, seconds
 * @param urgency        the {@code Urgency} header ({@code very-low}, {@code low}, {@code normal}, {@code high}),
 *                       or {@code null} when absent (a push service then treats it as {@code normal})
 * @param topic          the {@code Topic} header, or {@code null}
 * @param vapidPublicKey the {@code k} of the VAPID Authorization header (base64url, uncompressed P-256)
 * @param vapidSubject   the JWT's {@code sub} ({@code mailto:} or {@code https:})
 * @param vapidExpiresAt the JWT's {@code exp}
 * @param traceHeaders   the names of trace-context headers it came with ({@code traceparent}, {@code tracestate}, B3):
 *                       a sender should give a third-party push service none
 */
public record ReceivedPush(String endpoint, Instant receivedAt, byte[] payload, long ttl, String urgency,
                           String topic, String vapidPublicKey, String vapidSubject, Instant vapidExpiresAt,
                           List<String> traceHeaders) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ReceivedPush {
        payload = payload.clone();
        traceHeaders = List.copyOf(traceHeaders);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as UTF-8 text: what the service worker's {@code event.data.text()} gives. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The payload parsed as JSON: what {@code event.data.json()} gives. */
    public JsonNode json() {
        return JSON.readTree(text());
    }

    /** The effective urgency: the header, or {@code normal} when absent (RFC 8030 section 5.3). */
    public String effectiveUrgency() {
        return urgency == null ? "normal" : urgency;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedPush that && endpoint.equals(that.endpoint)
                && receivedAt.equals(that.receivedAt) && java.util.Arrays.equals(payload, that.payload)
                && ttl == that.ttl && java.util.Objects.equals(urgency, that.urgency)
                && java.util.Objects.equals(topic, that.topic) && vapidPublicKey.equals(that.vapidPublicKey)
                && vapidSubject.equals(that.vapidSubject) && vapidExpiresAt.equals(that.vapidExpiresAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(endpoint, receivedAt, java.util.Arrays.hashCode(payload), ttl, urgency, topic,
                vapidPublicKey);
    }

    @Override
    public String toString() {
        return "ReceivedPush[" + endpoint + " at " + receivedAt + ", ttl=" + ttl + ", urgency=" + urgency
                + ", topic=" + topic + ", text=" + text() + "]";
    }
}
