package io.switchboard.portal.portals;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.events.access.PortalRole;
import io.switchboard.portal.StubTokens;
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
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@WebFluxTest(MemberController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class MemberControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final Instant SINCE = Instant.parse("2026-12-03T10:00:00Z");

    @Autowired WebTestClient web;
    @MockitoBean MemberService members;

    private static MemberView member(String role) {
        return new MemberView(USER, "Dana Agent", "dana@acme.test", "AGENT", role, true, null, SINCE);
    }

    @Test
    void put_answers201_whenAdded_and200_whenTheRoleChanged() {
        when(members.put(eq(ORG), eq(PORTAL), eq(USER), eq(PortalRole.EMPLOYEE), any())).thenReturn(Mono.just(new MemberService.Put(member("EMPLOYEE"), true)));
        when(members.put(eq(ORG), eq(PORTAL), eq(USER), eq(PortalRole.MANAGER), any())).thenReturn(Mono.just(new MemberService.Put(member("MANAGER"), false)));

        put(Map.of("portalRole", "EMPLOYEE")).expectStatus().isCreated().expectBody()
                .jsonPath("$.userId").isEqualTo(USER.toString())
                .jsonPath("$.displayName").isEqualTo("Dana Agent")
                .jsonPath("$.email").isEqualTo("dana@acme.test")
                .jsonPath("$.orgRole").isEqualTo("AGENT")
                .jsonPath("$.portalRole").isEqualTo("EMPLOYEE")
                .jsonPath("$.available").isEqualTo(true)
                .jsonPath("$.availableSince").isEqualTo("2026-12-03T10:00:00Z");
        put(Map.of("portalRole", "MANAGER")).expectStatus().isOk();
    }

    @Test
    void unknownPortalRole_isABadRequestNamingPortalRole() {
        put(Map.of("portalRole", "OWNER")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("portalRole");
        put(Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("portalRole");
        verifyNoInteractions(members);
    }

    @Test
    void nonMemberTarget_is404NamingUserId() {
        when(members.put(eq(ORG), eq(PORTAL), eq(USER), any(), any())).thenReturn(Mono.error(Problems.notAnActiveMember(USER)));

        put(Map.of("portalRole", "EMPLOYEE")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("userId");
    }

    @Test
    void availability_withoutAvailable_orWithALongNote_orAnUnknownField_isABadRequestNamingIt() {
        availability(Map.of("note", "lunch")).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("available");
        availability(Map.of("available", false, "note", "n".repeat(201))).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("note");
        availability(Map.of("available", false, "reason", "x")).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        verifyNoInteractions(members);
    }

    @Test
    void availability_answersTheMember() {
        when(members.setAvailability(eq(ORG), eq(PORTAL), eq(USER), eq(new AvailabilityRequest(false, "lunch")), any())).thenReturn(Mono.just(member("EMPLOYEE")));

        availability(Map.of("available", false, "note", "lunch")).expectStatus().isOk().expectBody().jsonPath("$.portalRole").isEqualTo("EMPLOYEE");
    }

    @Test
    void awaySwitch_isTheLiteralPath_notAPortalId() {
        UUID other = UUID.randomUUID();
        when(members.awaySwitch(eq(ORG), eq(new AvailabilityRequest(false, null)), any()))
                .thenReturn(Mono.just(List.of(new MemberService.PortalAvailability(PORTAL, false, null), new MemberService.PortalAvailability(other, false, null))));

        web.put().uri("/api/orgs/{org}/portals/availability", ORG).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("available", false)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].portalId").isEqualTo(PORTAL.toString())
                .jsonPath("$[0].available").isEqualTo(false);
    }

    @Test
    void log_limitOutOfRange_isABadRequestNamingLimit() {
        web.get().uri("/api/orgs/{org}/portals/{portal}/availability-log?limit=201", ORG, PORTAL).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        web.get().uri("/api/orgs/{org}/portals/{portal}/availability-log?limit=0", ORG, PORTAL).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        verifyNoInteractions(members);
    }

    @Test
    void log_defaultsTo50_andAnswersTheCursor() {
        LogEntry entry = new LogEntry(41, PORTAL, USER, false, "lunch", USER, SINCE, "TOGGLED");
        when(members.log(eq(ORG), eq(PORTAL), isNull(), isNull(), anyInt(), any())).thenReturn(Mono.just(new LogPage(List.of(entry), 41L)));

        web.get().uri("/api/orgs/{org}/portals/{portal}/availability-log", ORG, PORTAL).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.entries[0].id").isEqualTo(41)
                .jsonPath("$.entries[0].reason").isEqualTo("TOGGLED")
                .jsonPath("$.entries[0].changedAt").isEqualTo("2026-12-03T10:00:00Z")
                .jsonPath("$.nextBefore").isEqualTo(41);
        org.mockito.Mockito.verify(members).log(eq(ORG), eq(PORTAL), isNull(), isNull(), eq(50), any());
    }

    private WebTestClient.ResponseSpec put(Map<String, Object> body) {
        return web.put().uri("/api/orgs/{org}/portals/{portal}/members/{user}", ORG, PORTAL, USER)
                .header("Authorization", "Bearer " + StubTokens.MEMBER).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec availability(Map<String, Object> body) {
        return web.put().uri("/api/orgs/{org}/portals/{portal}/members/{user}/availability", ORG, PORTAL, USER)
                .header("Authorization", "Bearer " + StubTokens.MEMBER).bodyValue(body).exchange();
    }
}
