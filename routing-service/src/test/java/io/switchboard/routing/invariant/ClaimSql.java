package io.switchboard.routing.invariant;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * routing-service's claim statement ({@code io.switchboard.routing.work.Claims.CLAIM}, package-private, read by
 * reflection so that the tests and the pgbench reference run exactly the SQL the service runs) with its named
 * parameters replaced by SQL literals.
 */
public final class ClaimSql {

    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-z]+)\\b");

    private ClaimSql() {
    }

    /** The service's claim statement, as it is in the code. */
    public static String statement() {
        try {
            var field = Class.forName("io.switchboard.routing.work.Claims").getDeclaredField("CLAIM");
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Claims.CLAIM is not where the tests expect it", e);
        }
    }

    /** The claim with its parameters as literals; {@code literals} maps each name (work, org, ...) to the SQL text that replaces it. */
    public static String withLiterals(Map<String, String> literals) {
        Matcher matcher = PARAMETER.matcher(statement());
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            String literal = literals.get(matcher.group(1));
            if (literal == null) {
                throw new IllegalArgumentException("no literal for :" + matcher.group(1));
            }
            matcher.appendReplacement(sql, Matcher.quoteReplacement(literal));
        }
        matcher.appendTail(sql);
        return sql.toString();
    }

    /** A claim of one queued item in a portal without team, for a client and channel, by a strategy. */
    public static String forItem(String workLiteral, UUID org, UUID portal, UUID client, String channel, String strategy) {
        return withLiterals(Map.of("work", workLiteral, "org", uuid(org), "portal", uuid(portal), "team", "null", "client", uuid(client),
                "channel", "'" + channel + "'", "scope", uuid(portal), "strategy", "'" + strategy + "'", "exclude", "null"));
    }

    public static String uuid(UUID id) {
        return "'" + id + "'::uuid";
    }

    /** The advisory lock key OrgWrites takes for an organization. */
    public static long lockKey(UUID org) {
        return org.getMostSignificantBits() ^ org.getLeastSignificantBits();
    }
}
