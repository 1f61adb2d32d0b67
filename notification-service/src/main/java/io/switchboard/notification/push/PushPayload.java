package io.switchboard.notification.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a device receives (decrypted by the browser, shown by the app's service worker):
 * {@code {"title", "body", "url", "tag"}} as UTF-8 JSON, small enough for one aes128gcm record (push services take
 * 4096 bytes): a long body is shortened with an ellipsis.
 */
final class PushPayload {

    static final int MAX_BYTES = 3000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PushPayload() {
    }

    static byte[] of(String title, String body, String url, String tag) {
        byte[] bytes = encode(title, body, url, tag);
        if (bytes.length <= MAX_BYTES || body.isEmpty()) {
            return bytes;
        }
        // the longest prefix of the body (whole code points) that fits with an ellipsis after it
        int[] codePoints = body.codePoints().toArray();
        int low = 0;
        int high = codePoints.length;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (encode(title, shortened(codePoints, mid), url, tag).length <= MAX_BYTES) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return encode(title, shortened(codePoints, low), url, tag);
    }

    private static String shortened(int[] codePoints, int length) {
        return new String(codePoints, 0, length) + "…";
    }

    private static byte[] encode(String title, String body, String url, String tag) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("body", body);
        json.put("url", url);
        json.put("tag", tag);
        return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The Topic header for a tag: 32 base64url characters (RFC 8030 allows no more, and only that alphabet), the
     * same for the same tag, so that a push service keeps only the newest undelivered message about one thing, and
     * a message sent twice (a crash between send and commit) replaces its twin while still queued.
     */
    static String topicOf(String tag) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(tag).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
