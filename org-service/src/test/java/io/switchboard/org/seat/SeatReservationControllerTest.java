package io.switchboard.org.seat;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.org.StubTokens;
import io.switchboard.web.WebAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@WebFluxTest(SeatReservationController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class SeatReservationControllerTest {

    @Autowired WebTestClient web;
    @MockitoBean Seats seats;

    private final UUID org = UUID.randomUUID();
    private final UUID invitation = UUID.randomUUID();

    @Test
    void userToken_isForbidden_whateverItsOrgRole() {
        put(StubTokens.MEMBER, Map.of("role", "AGENT", "expiresAt", "2030-01-01T00:00:00Z", "invitedBy", StubTokens.USER.toString()))
                .expectStatus().isForbidden();
        put(StubTokens.MEMBER, Map.of("expiresAt", "9999-01-01T00:00:00Z")).expectStatus().isForbidden();
        web.delete().uri("/internal/orgs/{org}/seat-reservations/{id}", org, invitation).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .exchange().expectStatus().isForbidden();
        verify(seats, never()).reserve(any(), any(), any(), any());
        verify(seats, never()).release(any(), any(), any());
    }

    @Test
    void noToken_isUnauthorized() {
        web.delete().uri("/internal/orgs/{org}/seat-reservations/{id}", org, invitation).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void serviceToken_withoutRole_isABadRequestNamingRole() {
        put(StubTokens.SEAT_RESERVER, Map.of("expiresAt", "2030-01-01T00:00:00Z", "invitedBy", StubTokens.USER.toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
    }

    @Test
    void serviceToken_reserves() {
        when(seats.reserve(eq(org), eq(invitation), any(), any())).thenReturn(Mono.empty());
        put(StubTokens.SEAT_RESERVER, Map.of("role", "AGENT", "expiresAt", "2030-01-01T00:00:00Z", "invitedBy", StubTokens.USER.toString()))
                .expectStatus().isNoContent();
        verify(seats).reserve(eq(org), eq(invitation), any(), any());
    }

    private WebTestClient.ResponseSpec put(String token, Map<String, String> body) {
        return web.put().uri("/internal/orgs/{org}/seat-reservations/{id}", org, invitation).header("Authorization", "Bearer " + token)
                .bodyValue(body).exchange();
    }
}
