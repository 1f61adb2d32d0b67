package io.switchboard.testing.push;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks a push service (and, for the payload, the browser) makes on one push request. Each failure is a
 * {@link Rejected} with the status a real push service answers and a reason a test can assert.
 */
final class PushRequestCheck {

    /** RFC 8030 section 7.2: a push service must accept at least 4096 bytes of payload; it may refuse more. */
    static final int MAX_BODY = 4096;
    static final Duration MAX_VAPID_LIFETIME = Duration.ofHours(24);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> URGENCIES = Set.of("very-low", "low", "normal", "high");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern TTL = Pattern.compile("[0-9]{1,10}");

    private PushRequestCheck() {
    }

    static final class Rejected extends Exception {
        final int status;

        Rejected(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    /** Runs every check and decrypts; returns what the device receives. */
    static ReceivedPush check(PushDevice device, String origin, Headers headers, byte[] body, Instant now)
            throws Rejected {
        Vapid vapid = vapid(headers.getFirst("Authorization"), origin, now);
        if (device.applicationServerKey() != null && !device.applicationServerKey().equals(vapid.key)) {
            throw new Rejected(403, "VAPID key k=" + vapid.key + " is not the applicationServerKey this subscription"
                    + " was created with (" + device.applicationServerKey() + ")");
        }
        long ttl = ttl(headers.getFirst("TTL"));
        String urgency = headers.getFirst("Urgency");
        if (urgency != null && !URGENCIES.contains(urgency)) {
            throw new Rejected(400, "Urgency header '" + urgency + "' is not one of very-low, low, normal, high");
        }
        String topic = headers.getFirst("Topic");
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw new Rejected(400, "Topic header '" + topic
                    + "' must be 1 to 32 characters of the base64url alphabet");
        }
        if (body.length > MAX_BODY) {
            throw new Rejected(413, "body of " + body.length + " bytes exceeds " + MAX_BODY + " bytes");
        }
        byte[] payload = new byte[0];
        if (body.length > 0) {
            String encoding = headers.getFirst("Content-Encoding");
            if (encoding == null) {
                throw new Rejected(400, "Content-Encoding header missing; a push with a payload must be aes128gcm");
            }
            if (!"aes128gcm".equalsIgnoreCase(encoding.strip())) {
                throw new Rejected(400, "Content-Encoding '" + encoding + "' is not aes128gcm (RFC 8291)");
            }
            try {
                payload = WebPushCrypto.decrypt(body, device.publicKey(), device.privateKey(), device.authSecret());
            } catch (GeneralSecurityException e) {
                throw new Rejected(400, "payload does not decrypt: " + e.getMessage());
            }
        }
        List<String> traceHeaders = headers.keySet().stream()
                .filter(name -> List.of("traceparent", "tracestate", "b3", "x-b3-traceid", "baggage").contains(name.toLowerCase(Locale.ROOT)))
                .toList();
        return new ReceivedPush(device.endpoint(), now, payload, ttl, urgency, topic, vapid.key, vapid.subject,
                vapid.expiresAt, traceHeaders);
    }

    private record Vapid(String key, String subject, Instant expiresAt) {
    }

    private static Vapid vapid(String authorization, String origin, Instant now) throws Rejected {
        if (authorization == null || authorization.isBlank()) {
            throw new Rejected(401, "Authorization header missing: VAPID 'vapid t=<jwt>, k=<key>' (RFC 8292) required");
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase("vapid")) {
            throw new Rejected(401, "Authorization scheme '" + scheme
                    + "' is not 'vapid' (RFC 8292: Authorization: vapid t=<jwt>, k=<key>)");
        }
        Map<String, String> parameters = new HashMap<>();
        for (String part : value.substring(space + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parameters.put(part.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                        part.substring(equals + 1).strip());
            }
        }
        String token = parameters.get("t");
        String key = parameters.get("k");
        if (token == null || token.isEmpty()) {
            throw new Rejected(401, "VAPID Authorization has no t= (the JWT)");
        }
        if (key == null || key.isEmpty()) {
            throw new Rejected(401, "VAPID Authorization has no k= (the application server's public key)");
        }
        ECPublicKey publicKey;
        try {
            publicKey = WebPushCrypto.publicKey(WebPushCrypto.base64Url(key));
        } catch (IllegalArgumentException e) {
            throw new Rejected(401, "VAPID k is not a base64url uncompressed P-256 public key: " + e.getMessage());
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Rejected(401, "VAPID t is not a JWS compact serialization (header.claims.signature)");
        }
        JsonNode header = json(parts[0], "header");
        String alg = header.path("alg").asString(null);
        if (!"ES256".equals(alg)) {
            throw new Rejected(401, "VAPID JWT alg is " + alg + ", not ES256");
        }
        byte[] signature;
        try {
            signature = WebPushCrypto.base64Url(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Rejected(401, "VAPID JWT signature is not base64url");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!WebPushCrypto.verifyEs256(publicKey, signingInput, signature)) {
            throw new Rejected(401, "VAPID JWT signature does not verify under the k public key");
        }
        JsonNode claims = json(parts[1], "claims");
        JsonNode aud = claims.get("aud");
        if (aud == null || !aud.isString()) {
            throw new Rejected(401, "VAPID JWT has no aud claim (must be " + origin + ")");
        }
        if (!origin.equals(aud.asString())) {
            throw new Rejected(401, "VAPID JWT aud '" + aud.asString() + "' is not this push service's origin '"
                    + origin + "'");
        }
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new Rejected(401, "VAPID JWT has no numeric exp claim");
        }
        Instant expiresAt = Instant.ofEpochSecond(exp.asLong());
        if (!expiresAt.isAfter(now)) {
            throw new Rejected(401, "VAPID JWT expired at " + expiresAt + " (now " + now + ")");
        }
        if (expiresAt.isAfter(now.plus(MAX_VAPID_LIFETIME))) {
            throw new Rejected(401, "VAPID JWT exp " + expiresAt + " is more than 24 h ahead (now " + now + ")");
        }
        JsonNode sub = claims.get("sub");
        String subject = sub != null && sub.isString() ? sub.asString() : null;
        if (subject == null || !(subject.startsWith("mailto:") || subject.startsWith("https:"))) {
            throw new Rejected(401, "VAPID JWT sub " + (subject == null ? "is missing" : "'" + subject + "'")
                    + "; it must be a mailto: or https: contact");
        }
        return new Vapid(WebPushCrypto.base64Url(WebPushCrypto.encode(publicKey)), subject, expiresAt);
    }

    private static JsonNode json(String part, String what) throws Rejected {
        try {
            JsonNode node = JSON.readTree(new String(WebPushCrypto.base64Url(part), StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new Rejected(401, "VAPID JWT " + what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            throw new Rejected(401, "VAPID JWT " + what + " is not base64url JSON");
        }
    }

    private static long ttl(String value) throws Rejected {
        if (value == null) {
            throw new Rejected(400, "TTL header missing (RFC 8030 section 5.2)");
        }
        if (!TTL.matcher(value.strip()).matches()) {
            throw new Rejected(400, "TTL header '" + value + "' is not a non-negative number of seconds");
        }
        return Long.parseLong(value.strip());
    }
}
