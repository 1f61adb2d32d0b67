package io.switchboard.notification.email;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What may go into a log line about a mail. Bodies and links never do (invitation links hold tokens), and of a
 * recipient only the domain does.
 */
final class LogSafe {

    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?|ftp|mailto):\\S+");
    private static final Pattern EMAIL_LOCAL_PART = Pattern.compile("[^\\s<>\"'(),;:@]+@(?=[A-Za-z0-9.-]+)");
    private static final int MAX_REASON = 300;

    private LogSafe() {
    }

    /** {@code dana@acme.test} → {@code acme.test}; an address without a domain → {@code (no domain)}. */
    static String domainOf(String address) {
        if (address == null) {
            return "(no domain)";
        }
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).replace(">", "").strip().toLowerCase(Locale.ROOT);
        return domain.isEmpty() ? "(no domain)" : domain;
    }

    /** An error text with links and mailbox names masked, on one line and cut to a bounded length. */
    static String reason(String text) {
        if (text == null || text.isBlank()) {
            return "(no detail)";
        }
        String safe = LINK.matcher(text).replaceAll("<link>");
        safe = EMAIL_LOCAL_PART.matcher(safe).replaceAll("*@");
        safe = safe.replaceAll("\\s+", " ").strip();
        return safe.length() <= MAX_REASON ? safe : safe.substring(0, MAX_REASON) + "...";
    }
}
