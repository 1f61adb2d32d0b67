package io.switchboard.identity.account;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.identity.TestJwts;
import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.web.ProblemException;
import io.switchboard.web.WebAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@WebFluxTest(controllers = {AccountController.class, UserCreationController.class})
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(TestJwts.class)
@TestPropertySource(properties = "switchboard.security.public-paths=POST /api/signup,POST /api/signup/confirm")
class AccountControllersTest {

    private static final String TOKEN = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";

    @Autowired WebTestClient web;
    @MockitoBean SignUpService signUps;
    @MockitoBean EmailConfirmationService confirmations;
    @MockitoBean KeycloakAccounts accounts;
    @MockitoBean UserCreationService users;
    @MockitoBean SignOutService signOuts;

    @Test
    void signUp_isPublic_answers201_andValidatesEveryField() {
        UUID id = UUID.randomUUID();
        when(signUps.signUp(any())).thenReturn(Mono.just(new SignUpService.SignedUp(id)));
        web.post().uri("/api/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "nina@acme.test", "password", "fresh-pass-2026", "fullName", "Nina New")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.userId").isEqualTo(id.toString());
        web.post().uri("/api/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "nina", "password", "short", "fullName", "")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.length()").isEqualTo(3);
    }

    @Test
    void confirm_takesTheTokenFromTheBody_andAnswers410ForAUsedLink() {
        when(confirmations.confirm(TOKEN)).thenReturn(Mono.error(new ProblemException(HttpStatus.GONE, "confirmation-gone", "used")));
        web.post().uri("/api/signup/confirm").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("token", TOKEN)).exchange()
                .expectStatus().isEqualTo(HttpStatus.GONE)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/confirmation-gone");
        web.post().uri("/api/signup/confirm").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("token");
    }

    @Test
    void directCreation_needsAToken_andAValidBody() {
        UUID org = UUID.randomUUID();
        web.post().uri("/api/orgs/{org}/users", org).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("fullName", "Dave", "email", "dave@acme.test", "password", "initial-pass-1", "role", "AGENT")).exchange()
                .expectStatus().isUnauthorized();
        web.post().uri("/api/orgs/{org}/users", org).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(UUID.randomUUID(), "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("fullName", "Dave", "email", "dave@acme.test", "password", "initial-pass-1")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
        verify(users, never()).create(any(), any(), any());

        when(users.create(eq(org), any(), any())).thenReturn(Mono.just(new UserCreationService.CreatedUser(UUID.randomUUID(), "dave@acme.test", "AGENT")));
        web.post().uri("/api/orgs/{org}/users", org).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(UUID.randomUUID(), "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("fullName", "Dave", "email", "dave@acme.test", "password", "initial-pass-1", "role", "AGENT")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.email").isEqualTo("dave@acme.test");
    }

    @Test
    void directCreation_withMalformedPortalIds_is400NamingPortalIds() {
        UUID org = UUID.randomUUID();
        web.post().uri("/api/orgs/{org}/users", org).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(UUID.randomUUID(), "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("fullName", "Dave", "email", "dave@acme.test", "password", "initial-pass-1", "role", "AGENT",
                        "portalIds", java.util.List.of("sales"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("portalIds[0]");
        verify(users, never()).create(any(), any(), any());
    }

    @Test
    void directCreation_withACapacityOutOfRange_is400NamingTheChannel() {
        UUID org = UUID.randomUUID();
        web.post().uri("/api/orgs/{org}/users", org).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(UUID.randomUUID(), "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("fullName", "Dave", "email", "dave@acme.test", "password", "initial-pass-1", "role", "AGENT",
                        "routing", Map.of("channels", Map.of("LIVE_CHAT", -1)))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("routing.channels.LIVE_CHAT");
        verify(users, never()).create(any(), any(), any());
    }

    @Test
    void signOut_needsAToken_handsTheCallerAndDeviceToTheService_andAnswers204() {
        web.post().uri("/api/me/sign-out").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("deviceId", "dana-phone")).exchange()
                .expectStatus().isUnauthorized();
        verify(signOuts, never()).signOut(any(), any());

        UUID dana = UUID.randomUUID();
        when(signOuts.signOut(any(), any())).thenReturn(Mono.empty());
        web.post().uri("/api/me/sign-out").header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(dana, "dana@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("deviceId", "dana-phone")).exchange()
                .expectStatus().isNoContent();
        verify(signOuts).signOut(argThat(caller -> caller.userId().equals(dana)), eq("dana-phone"));

        // no body at all: the device is unnamed
        web.post().uri("/api/me/sign-out").header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(dana, "dana@acme.test", true)).exchange()
                .expectStatus().isNoContent();
        verify(signOuts).signOut(argThat(caller -> caller.userId().equals(dana)), eq(null));
    }

    @Test
    void signOut_withATooLongDeviceId_is400NamingIt() {
        web.post().uri("/api/me/sign-out").header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(UUID.randomUUID(), "dana@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("deviceId", "x".repeat(201))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("deviceId");
        verify(signOuts, never()).signOut(any(), any());
    }

    @Test
    void signOut_whoseKeycloakStepFailed_isA503Problem() {
        when(signOuts.signOut(any(), any())).thenReturn(Mono.error(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                SignOutService.SESSION_NOT_ENDED, "Sign out again to finish.")));
        web.post().uri("/api/me/sign-out").header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(UUID.randomUUID(), "dana@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("deviceId", "dana-phone")).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/session-not-ended");
    }
}
