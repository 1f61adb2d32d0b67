package io.switchboard.web;

import java.util.regex.Pattern;

/**
 * Request paths as they may appear in logs and problem {@code instance}s: the secret parts are replaced by
 * {@code ***}. Invitation links put a token into {@code /api/invitations/{token}[/accept]}; confirmation
 * and any other path segment that looks like a token (40+ URL-safe characters) are redacted too.
 */
public final class LogSafePaths {

    public static final String REDACTED = "***";

    /** After these prefixes, the next segment is a secret unless it is one of the listed words. */
    private static final Pattern SECRET_AFTER_PREFIX =
            Pattern.compile("(?i)(/api/(?:invitations|signup/confirm|confirmations)/)(?!(?:lookup|accept)(?:/|$))[^/?#]+");
    private static final Pattern TOKEN_LIKE_SEGMENT = Pattern.compile("(?<=/|^)[A-Za-z0-9_%-]{40,}(?=/|$|\\?)");
    private static final Pattern QUERY = Pattern.compile("\\?.*$");

    private LogSafePaths() {
    }

    /** The path without secrets and without its query string (queries may carry them too). */
    public static String redact(String path) {
        if (path == null) {
            return null;
        }
        String redacted = QUERY.matcher(path).replaceFirst("?" + REDACTED);
        redacted = SECRET_AFTER_PREFIX.matcher(redacted).replaceAll("$1" + REDACTED);
        return TOKEN_LIKE_SEGMENT.matcher(redacted).replaceAll(REDACTED);
    }

    /** A message (an exception's, say) with every token-like run of characters replaced. */
    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        String redacted = SECRET_AFTER_PREFIX.matcher(text).replaceAll("$1" + REDACTED);
        return Pattern.compile("[A-Za-z0-9_-]{40,}").matcher(redacted).replaceAll(REDACTED);
    }
}
