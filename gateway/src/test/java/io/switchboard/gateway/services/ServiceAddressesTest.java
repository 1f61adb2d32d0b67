package io.switchboard.gateway.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import reactor.test.StepVerifier;

class ServiceAddressesTest {

    @Test
    void oneUrl_isOneInstance_severalSeparatedByCommas_areSeveralInOrder() {
        ServiceAddresses addresses = new ServiceAddresses(Map.of("org", "http://127.0.0.1:8082",
                "routing", " http://127.0.0.1:8084 , http://10.0.0.6:9084,,https://routing.example"));

        StepVerifier.create(addresses.getInstances("org").map(ServiceInstance::getUri).map(Object::toString))
                .expectNext("http://127.0.0.1:8082").verifyComplete();
        StepVerifier.create(addresses.getInstances("routing").map(ServiceInstance::getUri).map(Object::toString))
                .expectNext("http://127.0.0.1:8084", "http://10.0.0.6:9084", "https://routing.example:443").verifyComplete();
        StepVerifier.create(addresses.getInstances("portal")).verifyComplete();
        assertThat(addresses.getServices().collectList().block()).containsExactlyInAnyOrder("org", "routing");
    }

    @Test
    void aUrlWithoutSchemeOrHost_isRefusedAtStart_namingTheProperty() {
        assertThatThrownBy(() -> new ServiceAddresses(Map.of("org", "http://127.0.0.1:8082,127.0.0.1:9082")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("switchboard.services.org");
    }
}
