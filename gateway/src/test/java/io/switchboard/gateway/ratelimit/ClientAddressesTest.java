package io.switchboard.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.10"));

    @Test
    void untrustedPeer_isTheClient_whateverItsForwardedForSays() {
        assertThat(behindProxies.resolve(request("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(new ClientAddresses(List.of()).resolve(request("10.1.2.3", "198.51.100.1"))).isEqualTo("10.1.2.3");
    }

    @Test
    void trustedProxy_theRightmostUntrustedEntry_isTheClient() {
        assertThat(behindProxies.resolve(request("10.1.2.3", "6.6.6.6, 203.0.113.9"))).isEqualTo("203.0.113.9");
        // two proxies of ours in a row, and a header split over two lines
        assertThat(behindProxies.resolve(request("10.1.2.3", "6.6.6.6, 203.0.113.9", "192.168.1.10"))).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedProxy_withoutAHeader_orOnlyTrustedEntries_isKeyedAsItself_orTheLeftmost() {
        assertThat(behindProxies.resolve(request("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve(request("10.1.2.3", "10.9.9.9"))).isEqualTo("10.9.9.9");
    }

    @Test
    void garbageOrHostNames_inTheHeader_areNeverLookedUpNorBelieved() {
        assertThat(behindProxies.resolve(request("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve(request("10.1.2.3", "203.0.113.9, unknown"))).isEqualTo("10.1.2.3");
        assertThat(ClientAddresses.literal("cafe.babe")).isNull();
        assertThat(ClientAddresses.literal("[2001:db8::1]")).isNotNull();
    }

    @Test
    void ipv6Clients_areKeyedByTheirSlash64_soRotatingTheInterfaceIdDoesNotEscape() {
        String one = behindProxies.resolve(request("2001:db8:1:2::1"));
        String other = behindProxies.resolve(request("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertThat(one).isEqualTo(other).isEqualTo("2001:db8:1:2::/64");
        assertThat(behindProxies.resolve(request("2001:db8:1:3::1"))).isNotEqualTo(one);
    }

    @Test
    void trustedProxies_mustBeAddressesOrCidrBlocks() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal"))).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
        assertThat(ClientAddresses.Cidr.parse("10.0.0.0/9").contains(ClientAddresses.literal("10.127.255.255"))).isTrue();
        assertThat(ClientAddresses.Cidr.parse("10.0.0.0/9").contains(ClientAddresses.literal("10.128.0.0"))).isFalse();
    }

    private static MockServerHttpRequest request(String peer, String... forwardedFor) {
        var builder = MockServerHttpRequest.get("/api/invitations/t").remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor.length > 0) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder.build();
    }
}
