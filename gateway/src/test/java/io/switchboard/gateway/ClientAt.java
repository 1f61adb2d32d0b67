package io.switchboard.gateway;

import java.net.InetSocketAddress;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * A test client whose connections come from a chosen loopback address (127.0.0.2, 127.0.0.3, ...): to the
 * gateway, a different client address, as it would see two people on two machines.
 */
final class ClientAt {

    private ClientAt() {
    }

    static WebTestClient address(String localAddress, int gatewayPort) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http)).baseUrl("http://127.0.0.1:" + gatewayPort)
                .responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }
}
