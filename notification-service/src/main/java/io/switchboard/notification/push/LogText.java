package io.switchboard.notification.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Arrays;

/** What may go into a log line: endpoints only as host and a short hash (they are capabilities), client text quoted safely. */
final class LogText {

    private static final int MAX = 80;

    private LogText() {
    }

    /** {@code fcm.googleapis.com#Xy12abCd}: the host, and a hash that tells endpoints apart without revealing them. */
    static String endpoint(String endpoint) {
        return EndpointRules.hostOf(endpoint) + "#" + hash(endpoint);
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Printable ASCII only, cut short: client-chosen text goes into logs. */
    static String safe(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > MAX ? out + "..." : out.toString();
    }
}
