package io.switchboard.notification.push;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/me/push-subscriptions}: a browser's PushSubscription as {@code toJSON()} gives it, plus the
 * app's device id and the org the subscription is for.
 */
record SubscribeRequest(String endpoint, Keys keys, String deviceId, UUID orgId) {

    static final int MAX_DEVICE_ID = 128;
    static final int MAX_KEY_TEXT = 128;

    record Keys(String p256dh, String auth) {

        /** The auth secret never goes into a log line (a codec logging the decoded body at DEBUG/TRACE, say). */
        @Override
        public String toString() {
            return "Keys[p256dh=" + LogText.safe(p256dh) + ", auth=(hidden)]";
        }
    }

    /** The endpoint is a capability and keys.auth a secret: only the endpoint's host and hash, and the device id. */
    @Override
    public String toString() {
        return "SubscribeRequest[endpoint=" + (endpoint == null ? "(none)" : LogText.endpoint(endpoint)) + ", deviceId="
                + LogText.safe(deviceId) + ", orgId=" + orgId + "]";
    }

    /** A field that is wrong and why. */
    record FieldError(String field, String message) {
    }

    /** Everything wrong with the request, each naming its field; empty when it may be stored. */
    List<FieldError> errors(EndpointRules endpoints) {
        List<FieldError> errors = new ArrayList<>();
        endpoints.refusal(endpoint).ifPresent(reason -> errors.add(new FieldError("endpoint", reason)));
        if (keys == null) {
            errors.add(new FieldError("keys", "is required (keys.p256dh and keys.auth)"));
        } else {
            p256dhError(keys.p256dh()).ifPresent(reason -> errors.add(new FieldError("keys.p256dh", reason)));
            authError(keys.auth()).ifPresent(reason -> errors.add(new FieldError("keys.auth", reason)));
        }
        if (deviceId == null || deviceId.isBlank()) {
            errors.add(new FieldError("deviceId", "is required"));
        } else if (deviceId.length() > MAX_DEVICE_ID) {
            errors.add(new FieldError("deviceId", "must be at most " + MAX_DEVICE_ID + " characters"));
        } else if (!deviceId.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            errors.add(new FieldError("deviceId", "must not contain control characters"));
        }
        if (orgId == null) {
            errors.add(new FieldError("orgId", "is required"));
        }
        return errors;
    }

    private static java.util.Optional<String> p256dhError(String p256dh) {
        if (p256dh == null || p256dh.isBlank()) {
            return java.util.Optional.of("is required");
        }
        if (p256dh.length() > MAX_KEY_TEXT) {
            return java.util.Optional.of("must be at most " + MAX_KEY_TEXT + " characters");
        }
        byte[] point = P256.fromBase64Url(p256dh);
        if (point == null) {
            return java.util.Optional.of("must be base64url");
        }
        if (!P256.isUncompressedPoint(point)) {
            return java.util.Optional.of("must be an uncompressed P-256 public key (65 bytes, on the curve)");
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> authError(String auth) {
        if (auth == null || auth.isBlank()) {
            return java.util.Optional.of("is required");
        }
        if (auth.length() > MAX_KEY_TEXT) {
            return java.util.Optional.of("must be at most " + MAX_KEY_TEXT + " characters");
        }
        byte[] secret = P256.fromBase64Url(auth);
        if (secret == null) {
            return java.util.Optional.of("must be base64url");
        }
        if (secret.length != 16) {
            return java.util.Optional.of("must be 16 bytes (base64url)");
        }
        return java.util.Optional.empty();
    }
}
