package io.switchboard.notification.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which push endpoints the service will POST to. An endpoint is a URL a user hands in, so this is an SSRF guard:
 * https only, and never a loopback, private, link-local or otherwise non-public address, except for hosts in
 * {@code switchboard.push.insecure-endpoint-hosts} (tests), which may also be plain http. Names are checked here
 * as far as they can be without DNS ({@code localhost}, IP literals); {@link WebPushSender} checks again what a name
 * resolves to, right before it connects.
 */
final class EndpointRules {

    static final int MAX_LENGTH = 2048;
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final List<String> insecureHosts;

    EndpointRules(List<String> insecureHosts) {
        this.insecureHosts = List.copyOf(insecureHosts);
    }

    /** Why the endpoint is refused; empty when it may be used. */
    Optional<String> refusal(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.of("is required");
        }
        if (endpoint.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("must not carry user info or a fragment");
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isInsecureAllowed(bareHost)) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must be an https URL");
        }
        if (bareHost.equals("localhost") || bareHost.endsWith(".localhost") || bareHost.endsWith(".local")
                || bareHost.endsWith(".internal") || !bareHost.contains(".") && !bareHost.contains(":")) {
            return Optional.of("must be on a public host, not a local name");
        }
        Optional<InetAddress> literal = literal(bareHost);
        if (literal.isEmpty() && DIGITS_AND_DOTS.matcher(bareHost).matches()) {
            return Optional.of("must be on a public host (a numeric host must be a dotted IPv4 address)");
        }
        if (literal.isPresent() && !isPublic(literal.get())) {
            return Optional.of("must be on a public address, not a loopback, private or link-local one");
        }
        return Optional.empty();
    }

    /** Looks a name up (blocking). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Why the endpoint's host name is refused once looked up: any of its addresses non-public. Blocking (DNS): run
     * it off the event loop. A name that does not resolve is not refused here (DNS may be briefly unavailable); the
     * sender refuses it at connect time if it then points inwards. IP literals and allowed test hosts pass (they
     * were judged by {@link #refusal}).
     */
    Optional<String> addressRefusal(String endpoint, Resolver resolver) {
        String host;
        try {
            host = new URI(endpoint).getHost();
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.empty();
        }
        if (host == null || host.startsWith("[") || isInsecureAllowed(host) || literal(host.toLowerCase(Locale.ROOT)).isPresent()) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : resolver.resolve(host)) {
                if (!isPublic(address)) {
                    return Optional.of("must be on a public address: its host resolves to a loopback, private or link-local one");
                }
            }
        } catch (UnknownHostException unknown) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Tests' hosts: any scheme of the two, any address. */
    boolean isInsecureAllowed(String host) {
        return host != null && insecureHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The address of an IP literal (IPv6 without brackets, or a dotted quad); empty for a name. No DNS. */
    static Optional<InetAddress> literal(String host) {
        try {
            if (host.contains(":")) {
                return Optional.of(InetAddress.getByName("[" + host + "]")); // a literal: no lookup
            }
            if (DOTTED_QUAD.matcher(host).matches()) {
                for (String part : host.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return Optional.empty();
                    }
                }
                return Optional.of(InetAddress.getByName(host)); // a literal: no lookup
            }
        } catch (UnknownHostException | NumberFormatException notALiteral) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether an address is one a server on the internet may be reached at (not ours, not a private network's). */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 || first == 10 || first == 127 || first >= 224
                    || first == 100 && second >= 64 && second <= 127          // carrier-grade NAT
                    || first == 169 && second == 254
                    || first == 172 && second >= 16 && second <= 31
                    || first == 192 && second == 168
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0    // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19));      // benchmarking
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            if (first == 0x00 && isZero(b, 1, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff
                    || first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                // IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d): judge the IPv4 address inside
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return false;
                }
            }
            if (isZero(b, 0, 12)) {
                return false; // IPv4-compatible ::a.b.c.d (deprecated) and ::
            }
            return true;
        }
        return false;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** For log lines: the host only (an endpoint's path is a capability). */
    static String hostOf(String endpoint) {
        try {
            String host = new URI(endpoint).getHost();
            return host == null ? "(no host)" : host;
        } catch (URISyntaxException | NullPointerException e) {
            return "(unparsable)";
        }
    }
}
