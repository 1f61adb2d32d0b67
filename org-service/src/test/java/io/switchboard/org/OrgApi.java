package io.switchboard.org;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.events.portal.PortalMemberAdded;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives org-service over HTTP with real Keycloak tokens, and adds members the way identity-service does:
 * a seat reservation with its service token, then {@code identity.invitation.accepted} on the real broker.
 */
final class OrgApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** identity-service's confidential client in the realm (dev secret); its service account holds seat-reserver. */
    static final String RESERVER_CLIENT = "identity-service";
    static final String RESERVER_SECRET = "identity-service-dev-secret";

    /** Raw records on the shared broker (platform/testing's event fixture). */
    static final Events EVENTS = Events.onSharedBroker();

    private final WebTestClient web;

    OrgApi(WebTestClient web) {
        this.web = web;
    }

    static SignedInUser signIn(String email, String password) {
        return SignedInUser.signIn(email, password);
    }

    private static final Duration TOKEN_REUSE = Duration.ofMinutes(3);
    private static SignedInUser operator;
    private static Instant operatorSignedIn = Instant.EPOCH;
    private static String reserverToken;
    private static Instant reserverSignedIn = Instant.EPOCH;

    /** Signed in through Keycloak's login page just now: the token carries a fresh {@code auth_time}. */
    static SignedInUser freshSignIn(String email, String password) {
        return SignedInUser.of(email, RealServers.keycloak().signInThroughLoginPage(email, password).get("access_token").asString());
    }

    /** Switchboard support staff (realm role operator), signed in again every few minutes (tokens live 5). */
    static synchronized SignedInUser operator() {
        if (operatorSignedIn.isBefore(Instant.now().minus(TOKEN_REUSE))) {
            operator = signIn("ops@switchboard.test", "ops-demo-pass");
            operatorSignedIn = Instant.now();
        }
        return operator;
    }

    static JsonNode claims(String token) {
        return SignedInUser.claims(token);
    }

    /** identity-service's own token (client credentials), as it calls the internal endpoints. */
    static synchronized String reserverToken() {
        if (reserverSignedIn.isBefore(Instant.now().minus(TOKEN_REUSE))) {
            reserverToken = RealServers.keycloak().clientCredentialsToken(RESERVER_CLIENT, RESERVER_SECRET);
            reserverSignedIn = Instant.now();
        }
        return reserverToken;
    }

    /** A new organization of {@code owner}; on FREE_TRIAL, or moved to {@code plan} by an operator. */
    UUID createOrg(SignedInUser owner, String plan) {
        JsonNode org = JSON.readTree(web.post().uri("/api/orgs").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .bodyValue(Map.of("name", "Org of " + owner.email())).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        UUID id = UUID.fromString(org.get("id").asString());
        if (!"FREE_TRIAL".equals(plan)) {
            setPlan(id, plan, null, operator()).expectStatus().isOk();
        }
        return id;
    }

    WebTestClient.ResponseSpec setPlan(UUID org, String plan, Integer seats, SignedInUser as) {
        Map<String, Object> body = new HashMap<>();
        body.put("plan", plan);
        if (seats != null) {
            body.put("seats", seats);
        }
        return web.put().uri("/api/operator/orgs/{org}/plan", org).header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token())
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec reserve(UUID org, UUID invitationId, String role, Instant expiresAt, UUID invitedBy, String token) {
        return web.put().uri("/internal/orgs/{org}/seat-reservations/{id}", org, invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(Map.of("role", role, "expiresAt", expiresAt.toString(), "invitedBy", invitedBy.toString())).exchange();
    }

    WebTestClient.ResponseSpec release(UUID org, UUID invitationId, String token) {
        return web.delete().uri("/internal/orgs/{org}/seat-reservations/{id}", org, invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    /** An invitation as identity-service sends it: its seat reserved by {@code inviter}'s invitation. */
    UUID invite(UUID org, String role, SignedInUser inviter) {
        UUID invitationId = UUID.randomUUID();
        reserve(org, invitationId, role, Instant.now().plus(Duration.ofDays(7)), inviter.id(), reserverToken()).expectStatus().isNoContent();
        return invitationId;
    }

    /** Invites, accepts (by event) and waits until org-service made the person a member. */
    void join(UUID org, SignedInUser person, String role, SignedInUser inviter) {
        UUID invitationId = invite(org, role, inviter);
        EVENTS.publish(accepted(org, invitationId, person, role));
        await().atMost(Duration.ofSeconds(20)).until(() -> role(org, person.id(), inviter) != null);
    }

    /**
     * A new person (no account needed: org-service knows people by id) invited by {@code inviter} and joined as
     * {@code role}; answers their user id once they are an active member.
     */
    UUID joinSomeone(UUID org, String role, SignedInUser inviter) {
        UUID userId = UUID.randomUUID();
        UUID invitationId = invite(org, role, inviter);
        EVENTS.publish(Events.envelope(EventCatalog.INVITATION_ACCEPTED, org, new InvitationAccepted(org, invitationId, userId,
                userId + "@example.test", "Person " + userId, role, List.of())).withActor(userId.toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> role(org, userId, inviter) != null);
        return userId;
    }

    /**
     * portal-service puts the member in the portal ({@code portal.member.added} on portal.portals.v1); waits until
     * org-service's member details list it.
     */
    void putInPortal(UUID org, UUID portal, UUID userId, String portalRole, SignedInUser viewer) {
        EVENTS.publish(EventCatalog.PORTAL_MEMBER_ADDED, org, new PortalMemberAdded(org, portal, userId, portalRole));
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole.equals(portalRole(org, userId, portal, viewer)));
    }

    /** The member's role in the portal as their member details list it; null when not listed there. */
    String portalRole(UUID org, UUID userId, UUID portal, SignedInUser viewer) {
        JsonNode member = member(org, userId, viewer);
        if (member == null) {
            return null;
        }
        for (JsonNode entry : member.path("portals")) {
            if (portal.toString().equals(entry.path("portalId").asString())) {
                return entry.path("portalRole").asString();
            }
        }
        return null;
    }

    /** The record identity-service would publish for an accepted invitation. */
    static Events.Envelope accepted(UUID org, UUID invitationId, SignedInUser person, String role) {
        return accepted(org, invitationId, person, role, null, null, null);
    }

    static Events.Envelope accepted(UUID org, UUID invitationId, SignedInUser person, String role, String firstName, String lastName, String phone) {
        return Events.envelope(EventCatalog.INVITATION_ACCEPTED, org, new InvitationAccepted(org, invitationId, person.id(), person.email(),
                person.email(), role, List.of(), firstName, lastName, phone)).withActor(person.id().toString());
    }

    /** The member's role as {@code viewer} sees it, or null if not an active member. */
    String role(UUID org, UUID userId, SignedInUser viewer) {
        JsonNode member = member(org, userId, viewer);
        return member != null && "ACTIVE".equals(member.path("status").asString()) ? member.get("role").asString() : null;
    }

    /** Member details as {@code viewer} sees them; null when not found. */
    JsonNode member(UUID org, UUID userId, SignedInUser viewer) {
        var result = web.get().uri("/api/orgs/{org}/members/{user}", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer.token()).exchange()
                .returnResult(byte[].class);
        byte[] body = result.getResponseBodyContent();
        return result.getStatus().value() != 200 || body == null || body.length == 0 ? null : JSON.readTree(body);
    }

    JsonNode org(UUID org, SignedInUser viewer) {
        return JSON.readTree(get("/api/orgs/" + org, viewer).expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    WebTestClient.ResponseSpec changeRole(UUID org, UUID userId, String role, SignedInUser actor) {
        return web.patch().uri("/api/orgs/{org}/members/{user}", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token()).bodyValue(Map.of("role", role)).exchange();
    }

    WebTestClient.ResponseSpec deactivate(UUID org, UUID userId, SignedInUser actor) {
        return web.post().uri("/api/orgs/{org}/members/{user}/deactivate", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token()).exchange();
    }

    WebTestClient.ResponseSpec reactivate(UUID org, UUID userId, SignedInUser actor) {
        return web.post().uri("/api/orgs/{org}/members/{user}/reactivate", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token()).exchange();
    }

    WebTestClient.ResponseSpec updateOrg(UUID org, Map<String, ?> changes, SignedInUser actor) {
        return web.patch().uri("/api/orgs/{org}", org).header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .bodyValue(changes).exchange();
    }

    WebTestClient.ResponseSpec remove(UUID org, UUID userId, SignedInUser actor) {
        return web.delete().uri("/api/orgs/{org}/members/{user}", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token()).exchange();
    }

    WebTestClient.ResponseSpec get(String path, SignedInUser actor) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token()).exchange();
    }
}
