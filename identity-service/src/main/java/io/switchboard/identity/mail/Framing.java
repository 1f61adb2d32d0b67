package io.switchboard.identity.mail;

/**
 * User-supplied text in the platform's mails (organization names, inviters' names) is framed so that it
 * cannot pose as the platform's own words: control characters and line breaks removed, shortened, put in
 * quotation marks and labelled as entered by a person; in HTML, escaped as plain text.
 */
public final class Framing {

    public static final int MAX_LENGTH = 80;

    private Framing() {
    }

    /** One line, no control or invisible formatting characters, at most {@link #MAX_LENGTH} characters. */
    public static String clean(String userText) {
        if (userText == null) {
            return "";
        }
        String oneLine = userText.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+", " ").replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_LENGTH ? oneLine : oneLine.substring(0, MAX_LENGTH - 1).strip() + "…";
    }

    /** In quotation marks, for the text part and subjects: {@code “Acme”}. */
    public static String quoted(String userText) {
        return "\u201C" + clean(userText) + "\u201D";
    }

    /** Escaped for HTML text and attribute values. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** Quoted and escaped, in a plain-text span, for the HTML part. */
    public static String quotedHtml(String userText) {
        return "<q style=\"font-style:normal\">" + escape(clean(userText)) + "</q>";
    }
}
