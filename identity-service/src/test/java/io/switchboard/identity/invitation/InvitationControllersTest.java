package io.switchboard.identity.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.identity.TestJwts;
import io.switchboard.web.ProblemException;
import io.switchboard.web.WebAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** The invitation controllers alone: request shapes, status codes, problems, and what reaches the services. */
@WebFluxTest(controllers = {InvitationController.class, InvitationLinkController.class})
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(TestJwts.class)
@TestPropertySource(properties = "switchboard.security.public-paths=GET /api/invitations/*,POST /api/invitations/*/accept,POST /api/invitations/lookup,POST /api/invitations/accept")
class InvitationControllersTest {

    private static final String TOKEN = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();

    @Autowired WebTestClient web;
    @MockitoBean InvitationService invitations;
    @MockitoBean InvitationAcceptance acceptance;

    private static InvitationView view(String email) {
        return new InvitationView(UUID.randomUUID(), ORG, email, "AGENT", List.of(), null, null, null, null, "PENDING", ALICE, Instant.now(),
                Instant.now().plus(Duration.ofDays(7)));
    }

    @Test
    void invite_withoutToken_is401() {
        web.post().uri("/api/orgs/{org}/invitations", ORG).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "dana@acme.test", "role", "AGENT")).exchange()
                .expectStatus().isUnauthorized();
        verify(invitations, never()).invite(any(), any(), any());
    }

    @Test
    @SuppressWarnings("unchecked")
    void invite_withABadEmailOrPhone_is400NamingTheField() {
        web.post().uri("/api/orgs/{org}/invitations", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "not-an-email", "role", "AGENT", "phone", "call me")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields).contains("email", "phone"));
        verify(invitations, never()).invite(any(), any(), any());
    }

    @Test
    void invite_answers201_withTheInvitation_neverAToken() {
        when(invitations.invite(eq(ORG), any(), any())).thenReturn(Mono.just(view("dana@acme.test")));
        web.post().uri("/api/orgs/{org}/invitations", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "dana@acme.test", "role", "AGENT")).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.email").isEqualTo("dana@acme.test").jsonPath("$.status").isEqualTo("PENDING")
                .jsonPath("$.token").doesNotExist();
    }

    @Test
    void invite_carriesPortalIds_inTheRequestAndTheResponse() {
        UUID sales = UUID.randomUUID();
        UUID support = UUID.randomUUID();
        var withPortals = new InvitationView(UUID.randomUUID(), ORG, "dana@acme.test", "AGENT", List.of(sales, support), null, null, null,
                null, "PENDING", ALICE, Instant.now(), Instant.now().plus(Duration.ofDays(7)));
        when(invitations.invite(eq(ORG), any(), any())).thenReturn(Mono.just(withPortals));
        web.post().uri("/api/orgs/{org}/invitations", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "dana@acme.test", "role", "AGENT", "portalIds", List.of(sales.toString(), support.toString()))).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.portalIds[0]").isEqualTo(sales.toString()).jsonPath("$.portalIds[1]").isEqualTo(support.toString());
        ArgumentCaptor<InviteRequest> request = ArgumentCaptor.forClass(InviteRequest.class);
        verify(invitations).invite(eq(ORG), any(), request.capture());
        assertThat(request.getValue().portalIds()).containsExactly(sales, support);
    }

    @Test
    @SuppressWarnings("unchecked")
    void invite_withMalformedPortalIds_is400NamingPortalIds() {
        for (Object portalIds : List.of(List.of("not-a-uuid"), "6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c", Map.of("id", "x"), java.util.Arrays.asList((Object) null))) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("email", "dana@acme.test", "role", "AGENT"));
            body.put("portalIds", portalIds);
            web.post().uri("/api/orgs/{org}/invitations", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields)
                            .as("portalIds = %s", portalIds).anySatisfy(field -> assertThat(field.toString()).startsWith("portalIds")));
        }
        verify(invitations, never()).invite(any(), any(), any());
    }

    @Test
    void batchItem_withANullPortalId_answers400NamingPortalIds_onItsOwn() {
        when(invitations.invite(eq(ORG), any(), any())).thenReturn(Mono.just(view("a@acme.test")));
        web.post().uri("/api/orgs/{org}/invitations/batch", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"email\":\"a@acme.test\",\"role\":\"VIEWER\"},{\"email\":\"b@acme.test\",\"role\":\"VIEWER\",\"portalIds\":[null]}]")
                .exchange()
                .expectStatus().isEqualTo(207)
                .expectBody()
                .jsonPath("$[0].status").isEqualTo(201)
                .jsonPath("$[1].status").isEqualTo(400)
                .jsonPath("$[1].problem.errors[0].field").isEqualTo("portalIds[0]");
    }

    @Test
    void invite_carriesTheRoutingSetup_toTheService() {
        UUID client = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        when(invitations.invite(eq(ORG), any(), any())).thenReturn(Mono.just(view("dana@acme.test")));
        web.post().uri("/api/orgs/{org}/invitations", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "dana@acme.test", "role", "AGENT", "routing",
                        Map.of("channels", Map.of("SMS", 3, "EMAIL", 0), "clients", Map.of(client.toString(), List.of("SMS")), "teamIds", List.of(team.toString()))))
                .exchange()
                .expectStatus().isCreated();
        ArgumentCaptor<InviteRequest> request = ArgumentCaptor.forClass(InviteRequest.class);
        verify(invitations).invite(eq(ORG), any(), request.capture());
        assertThat(request.getValue().routing()).isEqualTo(new io.switchboard.events.routing.RoutingSetup(Map.of("SMS", 3, "EMAIL", 0),
                Map.of(client, List.of("SMS")), List.of(team)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void invite_withABadRoutingSetup_is400NamingEachField() {
        UUID client = UUID.randomUUID();
        var teams = java.util.stream.IntStream.range(0, 51).mapToObj(i -> UUID.randomUUID().toString()).toList();
        web.post().uri("/api/orgs/{org}/invitations", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "dana@acme.test", "role", "AGENT", "routing",
                        Map.of("channels", Map.of("FAX", 1, "SMS", 101), "clients", Map.of(client.toString(), List.of("EMAIL")), "teamIds", teams)))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("routing.channels.FAX", "routing.channels.SMS", "routing.clients." + client + "[0]", "routing.teamIds"));
        verify(invitations, never()).invite(any(), any(), any());
    }

    @Test
    @SuppressWarnings("unchecked")
    void invite_withAMalformedRoutingSetup_is400NamingRouting() {
        for (Object routing : List.of(Map.of("channels", Map.of("SMS", "many")), Map.of("clients", Map.of("not-a-uuid", List.of())), "SMS")) {
            web.post().uri("/api/orgs/{org}/invitations", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "dana@acme.test", "role", "AGENT", "routing", routing)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields)
                            .as("routing = %s", routing).anySatisfy(field -> assertThat(field.toString()).startsWith("routing")));
        }
        verify(invitations, never()).invite(any(), any(), any());
    }

    @Test
    void batchItem_withAnUnknownChannel_answers400NamingIt_onItsOwn() {
        when(invitations.invite(eq(ORG), any(), any())).thenReturn(Mono.just(view("a@acme.test")));
        web.post().uri("/api/orgs/{org}/invitations/batch", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"email\":\"a@acme.test\",\"role\":\"VIEWER\",\"routing\":{\"channels\":{\"SMS\":1}}},"
                        + "{\"email\":\"b@acme.test\",\"role\":\"VIEWER\",\"routing\":{\"channels\":{\"FAX\":1}}}]")
                .exchange()
                .expectStatus().isEqualTo(207)
                .expectBody()
                .jsonPath("$[0].status").isEqualTo(201)
                .jsonPath("$[1].status").isEqualTo(400)
                .jsonPath("$[1].problem.errors[0].field").isEqualTo("routing.channels.FAX");
    }

    @Test
    void batchOfMoreThan100_is400_andBatchItemsAnswerOnTheirOwn() {
        var tooMany = java.util.stream.IntStream.range(0, 101).mapToObj(i -> Map.of("email", i + "@acme.test", "role", "VIEWER")).toList();
        web.post().uri("/api/orgs/{org}/invitations/batch", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(tooMany).exchange()
                .expectStatus().isBadRequest();

        when(invitations.invite(eq(ORG), any(), any()))
                .thenReturn(Mono.just(view("a@acme.test")))
                .thenReturn(Mono.error(ProblemException.tooManyRequests("org-mail-limit", "Enough for today.", Duration.ofHours(2))));
        web.post().uri("/api/orgs/{org}/invitations/batch", ORG).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(Map.of("email", "a@acme.test", "role", "VIEWER"), Map.of("email", "bad", "role", "VIEWER"),
                        Map.of("email", "b@acme.test", "role", "VIEWER"))).exchange()
                .expectStatus().isEqualTo(207)
                .expectBody()
                .jsonPath("$[0].status").isEqualTo(201)
                .jsonPath("$[1].status").isEqualTo(400)
                .jsonPath("$[1].problem.errors[0].field").isEqualTo("email")
                .jsonPath("$[2].status").isEqualTo(429)
                .jsonPath("$[2].problem.type").isEqualTo("https://switchboard.dev/problems/org-mail-limit");
    }

    @Test
    void resendTooSoon_is429WithRetryAfter() {
        UUID id = UUID.randomUUID();
        when(invitations.resend(eq(ORG), eq(id), any()))
                .thenReturn(Mono.error(ProblemException.tooManyRequests("resend-too-soon", "One resend per 10 minutes.", Duration.ofMinutes(7))));
        web.post().uri("/api/orgs/{org}/invitations/{id}/resend", ORG, id).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "alice@acme.test", true))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "420")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void lookup_isPublic_andTakesTheTokenFromThePathOrABody() {
        var view = new InvitationAcceptance.PublicView("Acme", "dana@acme.test", "AGENT", Instant.now(), false, "Dana", "Agent", "+1 555 0100");
        when(acceptance.lookup(TOKEN)).thenReturn(Mono.just(view));
        web.get().uri("/api/invitations/{token}", TOKEN).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.firstName").isEqualTo("Dana").jsonPath("$.phone").isEqualTo("+1 555 0100");
        web.post().uri("/api/invitations/lookup").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("token", TOKEN)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.orgName").isEqualTo("Acme");
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptSignedIn_passesOnWhetherTheTokensEmailIsVerified() {
        when(acceptance.accept(eq(TOKEN), any(), any())).thenReturn(Mono.just(new InvitationAcceptance.Accepted(ORG, ALICE)));
        web.post().uri("/api/invitations/{token}/accept", TOKEN).header(HttpHeaders.AUTHORIZATION, TestJwts.bearer(ALICE, "dana@acme.test", false))
                .exchange().expectStatus().isOk();
        ArgumentCaptor<Optional<InvitationAcceptance.SignedIn>> signedIn = ArgumentCaptor.forClass(Optional.class);
        verify(acceptance).accept(eq(TOKEN), signedIn.capture(), any());
        assertThat(signedIn.getValue()).hasValueSatisfying(caller -> {
            assertThat(caller.emailVerified()).isFalse();
            assertThat(caller.caller().email()).isEqualTo("dana@acme.test");
        });
    }

    @Test
    void acceptAsNewPerson_withAShortPassword_is400NamingPassword() {
        web.post().uri("/api/invitations/accept").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", TOKEN, "fullName", "Dana", "password", "short")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        verify(acceptance, never()).accept(any(), any(), any());
    }
}
