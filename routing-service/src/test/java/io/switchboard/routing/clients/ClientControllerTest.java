package io.switchboard.routing.clients;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.routing.StubTokens;
import io.switchboard.web.ProblemException;
import io.switchboard.web.WebAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@WebFluxTest(ClientController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class ClientControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID CLIENT = UUID.randomUUID();
    private static final String BEARER = "Bearer " + StubTokens.MEMBER;

    @Autowired WebTestClient web;
    @MockitoBean ClientService clients;

    private static ClientView view(String name) {
        return new ClientView(CLIENT, name, Instant.parse("2026-12-03T10:00:00Z"));
    }

    @Test
    void create_answers201_withLocation_andTheClient() {
        when(clients.create(eq(ORG), any(), eq(new CreateClientRequest("Acme")))).thenReturn(Mono.just(view("Acme")));

        web.post().uri("/api/orgs/{org}/clients", ORG).header("Authorization", BEARER).bodyValue(Map.of("name", "Acme")).exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/orgs/" + ORG + "/clients/" + CLIENT)
                .expectBody()
                .jsonPath("$.id").isEqualTo(CLIENT.toString())
                .jsonPath("$.name").isEqualTo("Acme")
                .jsonPath("$.createdAt").isEqualTo("2026-12-03T10:00:00Z");
    }

    @Test
    void missingName_orAnUnknownField_isABadRequestNamingIt_andNothingIsCalled() {
        web.post().uri("/api/orgs/{org}/clients", ORG).header("Authorization", BEARER).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        web.post().uri("/api/orgs/{org}/clients", ORG).header("Authorization", BEARER).bodyValue(Map.of("name", "Acme", "brand", "x")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("brand");
        verifyNoInteractions(clients);
    }

    @Test
    void duplicateName_isATyped409NamingName() {
        when(clients.update(eq(ORG), eq(CLIENT), any(), any())).thenReturn(Mono.error(Problems.nameTaken("Acme")));

        web.patch().uri("/api/orgs/{org}/clients/{client}", ORG, CLIENT).header("Authorization", BEARER).bodyValue(Map.of("name", "acme")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/client-name-taken")
                .jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void list_get_andDelete() {
        when(clients.list(eq(ORG), any())).thenReturn(Flux.just(view("Acme"), view("Zeta")));
        when(clients.get(eq(ORG), eq(CLIENT), any())).thenReturn(Mono.error(Problems.clientNotFound(CLIENT)));
        when(clients.delete(eq(ORG), eq(CLIENT), any())).thenReturn(Mono.empty());

        web.get().uri("/api/orgs/{org}/clients", ORG).header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[1].name").isEqualTo("Zeta");
        web.get().uri("/api/orgs/{org}/clients/{client}", ORG, CLIENT).header("Authorization", BEARER).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/not-found");
        web.delete().uri("/api/orgs/{org}/clients/{client}", ORG, CLIENT).header("Authorization", BEARER).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void forbidden_isProblemJson_andWithoutToken_is401() {
        when(clients.create(eq(ORG), any(), any())).thenReturn(Mono.error(ProblemException.forbidden("Only owners and admins change clients.")));

        web.post().uri("/api/orgs/{org}/clients", ORG).header("Authorization", BEARER).bodyValue(Map.of("name", "Acme")).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/forbidden");
        web.get().uri("/api/orgs/{org}/clients", ORG).exchange().expectStatus().isUnauthorized();
    }
}
